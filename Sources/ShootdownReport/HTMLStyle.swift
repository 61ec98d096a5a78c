/// The report's style sheet, inlined in the page: no external resource.
enum HTMLStyle {
    static let css = """
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 14px; color: #1f1f1f;
           margin: 24px; max-width: 1500px; }
    h1 { font-size: 22px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 32px 0 4px; padding-top: 12px; border-top: 2px solid #bfbfbf; }
    h3 { font-size: 15px; margin: 20px 0 6px; }
    code, .mono { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12.5px; }
    .meta { color: #595959; margin: 2px 0; }
    table { border-collapse: collapse; margin: 8px 0; }
    th, td { border: 1px solid #c8c8c8; padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.compact th, table.compact td { padding: 2px 8px; font-size: 13px; }
    .tables h3 { margin-top: 12px; }
    td.zero { color: #a6a6a6; }
    .met { color: #1e6b1e; font-weight: bold; }
    .unmet { color: #b00020; font-weight: bold; }
    .as-expected { color: #1e6b1e; }
    .not-as-expected { color: #b00020; font-weight: bold; }
    .unsettled { color: #8a6d00; }
    ul.verdicts { margin: 0; padding-left: 16px; }
    .legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 10px; font-size: 12.5px; }
    .legend span.swatch { display: inline-block; width: 14px; height: 12px; margin-right: 4px;
                          vertical-align: middle; border: 1.5px solid; }
    .diagram { overflow-x: auto; }
    .tables { display: flex; flex-wrap: wrap; gap: 36px; align-items: flex-start; }
    svg text { font-family: "DejaVu Sans Mono", ui-monospace, monospace; white-space: pre; }
    """
}
