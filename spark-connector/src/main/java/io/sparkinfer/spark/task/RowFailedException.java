package io.sparkinfer.spark.task;

/** A row failed and {@code spark.sparkinfer.failOnError=true}: the task fails with the row's message. */
public final class RowFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RowFailedException(String function, String error) {
        super(function + " failed for a row (spark.sparkinfer.failOnError=true; set it to false to get NULL or the"
                + " error in a 'result','struct' column instead): " + error);
    }
}
