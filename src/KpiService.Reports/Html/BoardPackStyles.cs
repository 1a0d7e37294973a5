namespace KpiService.Reports.Html;

/// <summary>
/// The board pack's one inline stylesheet. On screen a readable table; in print A4 landscape (the seeds' dashboards
/// are landscape tables, seeds/000 line 133), each group on its own page with its header row repeated, rows kept
/// whole, and RAG fills printed (print-color-adjust) rather than dropped by the browser's ink saving.
/// </summary>
internal static class BoardPackStyles
{
    public const string Css = """
        :root { --ink: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --pale: #f3f2f1; --blue: #1d70b8; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 16px 24px; font: 14px/1.4 Arial, Helvetica, sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--blue); }
        .title-block { border-bottom: 4px solid var(--ink); padding-bottom: 8px; margin-bottom: 16px; }
        .kicker { margin: 0; color: var(--muted); font-size: 16px; }
        h1 { margin: 4px 0 10px; font-size: 28px; }
        h2 { margin: 24px 0 8px; font-size: 22px; }
        h3 { margin: 12px 0 6px; font-size: 17px; }
        .meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; }
        .meta div { display: flex; gap: 6px; }
        .meta dt { font-weight: bold; }
        .meta dd { margin: 0; }
        .counts { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 0 0 12px; }
        .counts li { border: 1px solid var(--rule); padding: 6px 10px; min-width: 150px; }
        .counts .n { font-size: 24px; font-weight: bold; display: block; }
        .exceptions { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
        .exceptions section { border-top: 4px solid var(--rule); }
        .exceptions .going-well { border-top-color: #00703c; }
        .exceptions .ones-to-watch { border-top-color: #ffdd00; }
        .exceptions .do-better { border-top-color: #d4351c; }
        .exceptions ul { margin: 0; padding-left: 18px; }
        .exceptions li { margin-bottom: 4px; }
        .key { color: var(--muted); font-size: 13px; margin-top: 12px; }
        .key svg { vertical-align: middle; }
        nav ol { columns: 3; margin: 0; padding-left: 20px; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 8px; table-layout: fixed; }
        .col-measure { width: 16%; } .col-status { width: 6%; } .col-spark { width: 9%; } .col-value { width: 6%; }
        .col-target { width: 8%; } .col-direction { width: 9%; } .col-trend { width: 14%; } .col-ytd { width: 5%; }
        .col-peers { width: 8%; } .col-commentary { width: 19%; }
        caption { text-align: left; color: var(--muted); padding: 0 0 6px; }
        th, td { border: 1px solid var(--rule); padding: 4px 6px; vertical-align: top; text-align: left; }
        thead th { background: var(--pale); font-size: 13px; }
        td, th { overflow-wrap: anywhere; }
        tbody th { font-weight: normal; }
        .code { color: var(--muted); font-size: 12px; display: block; }
        .num { text-align: right; white-space: nowrap; }
        .rag { font-weight: bold; white-space: nowrap; }
        .nofigure { font-style: italic; background: var(--pale); }
        .sub { display: block; color: var(--muted); font-size: 12px; white-space: normal; }
        .improving { color: #00703c; font-weight: bold; }
        .declining { color: #d4351c; font-weight: bold; }
        .commentary p { margin: 0 0 4px; }
        .action { border-left: 3px solid var(--blue); padding-left: 6px; }
        .spark svg { width: 100%; height: auto; max-width: 150px; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        footer { margin-top: 24px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
        @page { size: A4 landscape; margin: 10mm; }
        @media print {
          body { padding: 0; font-size: 9pt; }
          h1 { font-size: 18pt; }
          h2 { font-size: 14pt; margin-top: 0; }
          nav { display: none; }
          .group { break-before: page; }
          thead { display: table-header-group; }
          tr, .exceptions section { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
