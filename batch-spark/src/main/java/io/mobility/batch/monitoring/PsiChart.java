package io.mobility.batch.monitoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.time.Instant;
import java.util.List;

/**
 * {@code psi_<model>.png}: a horizontal bar per feature (coloured by band), with the band limits 0.1 and 0.25 drawn
 * across. The axis stops at 1.0; a longer bar is cut there and labelled with its value.
 */
public final class PsiChart {

    private static final int WIDTH = 1200;
    private static final int ROW = 28;
    private static final int TOP = 90;
    private static final int LEFT = 240;
    private static final int RIGHT = 250;
    private static final double AXIS_CAP = 1.0;
    private static final Color STABLE = new Color(0x2E, 0x8B, 0x57);
    private static final Color MODERATE = new Color(0xE0, 0xA0, 0x00);
    private static final Color MAJOR = new Color(0xC6, 0x28, 0x28);

    private PsiChart() {}

    public static byte[] render(String model, String version, Instant from, Instant to, List<FeatureDrift> features) {
        int height = TOP + Math.max(1, features.size()) * ROW + 60;
        ChartImage chart = new ChartImage(WIDTH, height);
        Graphics2D g = chart.graphics();
        chart.title("Feature drift (PSI against training): " + model + " " + version);
        g.setFont(ChartImage.LABEL);
        g.setColor(ChartImage.AXIS);
        g.drawString(
                "feature rows from " + from + " to " + to + "; drift flag: "
                        + (RollingDrift.flagged(features) ? "YES" : "no")
                        + "; * calendar feature (never raises the flag)",
                20,
                52);
        legend(g);

        double maxPsi = features.stream().mapToDouble(FeatureDrift::psi).max().orElse(0);
        double axisMax = Math.min(AXIS_CAP, Math.max(0.3, maxPsi * 1.1));
        int plotRight = WIDTH - RIGHT;
        int plotBottom = TOP + features.size() * ROW;
        g.setFont(ChartImage.SMALL);
        double step = ChartImage.niceStep(axisMax, 5);
        for (double v = 0; v <= axisMax + 1e-9; v += step) {
            int px = x(v, axisMax, plotRight);
            g.setColor(ChartImage.GRID);
            g.setStroke(new BasicStroke(1));
            g.drawLine(px, TOP - 5, px, plotBottom);
            g.setColor(ChartImage.AXIS);
            String label = String.format("%.2f", v);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, plotBottom + 16);
        }
        g.setFont(ChartImage.LABEL);
        g.drawString("PSI", (LEFT + plotRight) / 2, plotBottom + 36);

        int y = TOP;
        for (FeatureDrift f : features) {
            g.setColor(ChartImage.AXIS);
            String name = f.feature() + (f.calendar() ? " *" : "");
            g.drawString(name, LEFT - 10 - g.getFontMetrics().stringWidth(name), y + ROW / 2 + 5);
            int end = x(Math.min(f.psi(), axisMax), axisMax, plotRight);
            g.setColor(colour(f.band()));
            g.fillRect(LEFT, y + 5, Math.max(2, end - LEFT), ROW - 10);
            g.setColor(ChartImage.AXIS);
            String value = String.format(
                    "%.3f %s%s",
                    f.psi(),
                    f.band().label(),
                    f.missingShiftFlagged() ? String.format(", missing +%.0f%%", 100 * f.missingRateShift()) : "");
            g.drawString(value, Math.min(end + 6, plotRight + 4), y + ROW / 2 + 5);
            y += ROW;
        }
        bandLine(g, DriftBand.MODERATE_FROM, axisMax, plotRight, plotBottom, MODERATE);
        bandLine(g, DriftBand.MAJOR_FROM, axisMax, plotRight, plotBottom, MAJOR);
        g.setColor(ChartImage.AXIS);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, TOP - 5, LEFT, plotBottom);
        g.drawLine(LEFT, plotBottom, plotRight, plotBottom);
        return chart.png();
    }

    private static void legend(Graphics2D g) {
        int x = WIDTH - 450;
        int i = 0;
        for (DriftBand band : DriftBand.values()) {
            g.setColor(colour(band));
            g.fillRect(x + i * 140, 62, 14, 14);
            g.setColor(ChartImage.AXIS);
            String text = switch (band) {
                case STABLE -> "stable < 0.1";
                case MODERATE -> "moderate < 0.25";
                case MAJOR -> "major >= 0.25";
            };
            g.drawString(text, x + i * 140 + 20, 74);
            i++;
        }
    }

    private static void bandLine(
            Graphics2D g, double psi, double axisMax, int plotRight, int plotBottom, Color colour) {
        int px = x(psi, axisMax, plotRight);
        g.setColor(colour);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(px, TOP - 10, px, plotBottom);
        g.setFont(ChartImage.SMALL);
        g.drawString(String.valueOf(psi), px + 3, TOP - 12);
    }

    private static int x(double psi, double axisMax, int plotRight) {
        return LEFT + (int) Math.round(psi / axisMax * (plotRight - LEFT));
    }

    private static Color colour(DriftBand band) {
        return switch (band) {
            case STABLE -> STABLE;
            case MODERATE -> MODERATE;
            case MAJOR -> MAJOR;
        };
    }
}
