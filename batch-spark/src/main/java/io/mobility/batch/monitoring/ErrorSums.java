package io.mobility.batch.monitoring;

/**
 * Additive sums of prediction errors, from which MAE, RMSE, WAPE and MAPE of any set of days follow. MAPE only
 * counts zone-hours with at least {@link #MAPE_MIN_ACTUAL} actual requests: percentages of tiny counts explode.
 */
public record ErrorSums(
        long rows, double absError, double squaredError, double actual, long mapeRows, double absPercentError) {

    public static final double MAPE_MIN_ACTUAL = 10;
    public static final ErrorSums NONE = new ErrorSums(0, 0, 0, 0, 0, 0);

    public ErrorSums plus(ErrorSums o) {
        return new ErrorSums(
                rows + o.rows,
                absError + o.absError,
                squaredError + o.squaredError,
                actual + o.actual,
                mapeRows + o.mapeRows,
                absPercentError + o.absPercentError);
    }

    public Double mae() {
        return rows == 0 ? null : absError / rows;
    }

    public Double rmse() {
        return rows == 0 ? null : Math.sqrt(squaredError / rows);
    }

    /** Sum of absolute errors over sum of actuals; undefined when nothing was requested. */
    public Double wape() {
        return actual == 0 ? null : absError / actual;
    }

    public Double mape() {
        return mapeRows == 0 ? null : absPercentError / mapeRows;
    }
}
