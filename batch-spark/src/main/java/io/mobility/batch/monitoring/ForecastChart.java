package io.mobility.batch.monitoring;

import io.mobility.lake.MonitoringSnapshot.HourPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code forecast_vs_actual_<model>.png}: one panel per series (city total, then the busiest zones), hourly actual
 * requests (solid) against the version's predictions (dashed) over the window.
 */
public final class ForecastChart {

    private static final int WIDTH = 1400;
    private static final int PANEL = 230;
    private static final int TOP = 70;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final Color ACTUAL = new Color(0x1F, 0x4E, 0x9A);
    private static final Color PREDICTED = new Color(0xE0, 0x6C, 0x00);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d");

    private ForecastChart() {}

    public static byte[] render(String model, String version, MonitorWindow window, ForecastSeries series) {
        Map<String, List<HourPoint>> panels = new LinkedHashMap<>();
        panels.put("city total (zones predicted)", series.city());
        panels.putAll(series.busiestZones());
        ChartImage chart = new ChartImage(WIDTH, TOP + panels.size() * PANEL + 20);
        chart.title("Forecast vs actual: " + model + " " + version);
        Graphics2D g = chart.graphics();
        g.setFont(ChartImage.LABEL);
        g.drawString(
                "requests per hour (UTC), " + window.from() + " to " + window.to()
                        + "; city total, then the busiest zones",
                20,
                52);
        legend(g);
        int y = TOP;
        for (Map.Entry<String, List<HourPoint>> panel : panels.entrySet()) {
            panel(chart.graphics(), panel.getKey(), panel.getValue(), window, y);
            y += PANEL;
        }
        return chart.png();
    }

    private static void legend(Graphics2D g) {
        int x = WIDTH - 260;
        g.setFont(ChartImage.LABEL);
        g.setColor(ACTUAL);
        g.setStroke(new BasicStroke(2.5f));
        g.drawLine(x, 47, x + 30, 47);
        g.setColor(ChartImage.AXIS);
        g.drawString("actual", x + 36, 52);
        g.setColor(PREDICTED);
        g.setStroke(dashed());
        g.drawLine(x + 110, 47, x + 140, 47);
        g.setColor(ChartImage.AXIS);
        g.drawString("predicted", x + 146, 52);
    }

    private static void panel(Graphics2D g, String name, List<HourPoint> points, MonitorWindow window, int top) {
        int plotTop = top + 28;
        int plotBottom = top + PANEL - 30;
        int plotLeft = LEFT;
        int plotRight = WIDTH - RIGHT;
        double max = points.stream()
                .mapToDouble(p -> Math.max(p.actual(), p.predicted()))
                .max()
                .orElse(1);
        double step = ChartImage.niceStep(max, 4);
        double yMax = Math.max(step, Math.ceil(max / step) * step);
        long from = window.from().getEpochSecond();
        long span = Math.max(1, window.to().getEpochSecond() - from);

        g.setFont(ChartImage.LABEL);
        g.setColor(ChartImage.AXIS);
        g.drawString(name, plotLeft, top + 18);
        g.setFont(ChartImage.SMALL);
        for (double v = 0; v <= yMax + 1e-9; v += step) {
            int py = plotBottom - (int) Math.round(v / yMax * (plotBottom - plotTop));
            g.setColor(ChartImage.GRID);
            g.setStroke(new BasicStroke(1));
            g.drawLine(plotLeft, py, plotRight, py);
            g.setColor(ChartImage.AXIS);
            String label = ChartImage.format(v);
            g.drawString(label, plotLeft - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        for (LocalDate d : window.dayList()) {
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            int px = plotLeft
                    + (int) Math.round((start.getEpochSecond() - from) / (double) span * (plotRight - plotLeft));
            g.setColor(ChartImage.GRID);
            g.drawLine(px, plotTop, px, plotBottom);
            g.setColor(ChartImage.AXIS);
            g.drawString(DAY.format(d), px + 4, plotBottom + 16);
        }
        g.setColor(ChartImage.AXIS);
        g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
        g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);

        line(
                g,
                points,
                HourPoint::actual,
                ACTUAL,
                new BasicStroke(2f),
                from,
                span,
                yMax,
                plotLeft,
                plotRight,
                plotTop,
                plotBottom);
        line(
                g,
                points,
                HourPoint::predicted,
                PREDICTED,
                dashed(),
                from,
                span,
                yMax,
                plotLeft,
                plotRight,
                plotTop,
                plotBottom);
    }

    private static void line(
            Graphics2D g,
            List<HourPoint> points,
            ToDoubleFunction<HourPoint> value,
            Color colour,
            BasicStroke stroke,
            long from,
            long span,
            double yMax,
            int left,
            int right,
            int top,
            int bottom) {
        Path2D.Double path = new Path2D.Double();
        Instant previous = null;
        for (HourPoint p : points) {
            // An hour's value is drawn at the middle of the hour; an hour without a prediction leaves a gap.
            double x = left + (p.hour().getEpochSecond() + 1800 - from) / (double) span * (right - left);
            double y = bottom - value.applyAsDouble(p) / yMax * (bottom - top);
            if (previous == null || !previous.plusSeconds(3600).equals(p.hour())) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
            previous = p.hour();
        }
        g.setColor(colour);
        g.setStroke(stroke);
        g.draw(path);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
    }
}
