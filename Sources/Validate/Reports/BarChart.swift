/// A horizontal bar chart as inline SVG: one bar per rule, errors red then warnings amber.
enum BarChart {
    struct Bar {
        var label: String
        var errors: Int
        var warnings: Int
    }

    static func svg(_ bars: [Bar]) -> String {
        guard let top = bars.map({ $0.errors + $0.warnings }).max(), top > 0 else { return "" }
        let labelWidth = 260.0, barWidth = 560.0, rowHeight = 24.0
        let height = Double(bars.count) * rowHeight + 10
        var s = "<svg width=\"\(Int(labelWidth + barWidth + 90))\" "
            + "height=\"\(Int(height))\" role=\"img\" aria-label=\"problems by rule\">\n"
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * rowHeight + 5
            let e = barWidth * Double(bar.errors) / Double(top)
            let w = barWidth * Double(bar.warnings) / Double(top)
            s += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"13\" "
                + "font-family=\"sans-serif\">\(bar.label.htmlEscaped)</text>\n"
            if bar.errors > 0 {
                s += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(1, e))\" height=\"\(rowHeight - 6)\" "
                    + "fill=\"#c62828\"/>\n"
            }
            if bar.warnings > 0 {
                s += "<rect x=\"\(labelWidth + e)\" y=\"\(y + 3)\" width=\"\(max(1, w))\" height=\"\(rowHeight - 6)\" "
                    + "fill=\"#f9a825\"/>\n"
            }
            s += "<text x=\"\(labelWidth + e + w + 6)\" y=\"\(y + 16)\" font-size=\"12\" font-family=\"sans-serif\">"
                + "\(bar.errors + bar.warnings)</text>\n"
        }
        return s + "</svg>\n"
    }
}
