"""The county's side: reviewing every unit's report in a folder, the roster, the review record, the 整改通知,
the county's own requirements (本地要求) and the consolidation of the county's figures (汇总).

Modules: `review` (a folder → `Review`), `similarity` (雷同), `hints` (county-level figures), `roster` (名单),
`record` (the review record beside the reports), `requirements` and `local` (本地要求 and their checks),
`workbook` (Excel), `notice` (整改通知 DOCX), `aggregate` (汇总). Every report is read through
`model.sources.open_report`, so every file kind the product reads is reviewed alike.
"""
