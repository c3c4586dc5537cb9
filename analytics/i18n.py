"""The one translation mechanism: every user-facing string, in English and 中文."""

from __future__ import annotations

LANGS = ("en", "zh")

# key: (English, 中文). Keys of coded values are "<kind>.<code>" (see contract.py).
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("China–Pakistan S&T Cooperation", "中巴科技合作"),
    "app.subtitle": (
        "Where science and technology cooperation between China and Pakistan stands",
        "中国与巴基斯坦科技合作进展一览",
    ),
    "app.language": ("Language", "语言"),
    "page.overview": ("Overview", "概览"),
    "page.methodology": ("Methodology", "方法说明"),
    # filters
    "filter.header": ("Filters", "筛选"),
    "filter.sectors": ("Sectors", "领域"),
    "filter.years": ("Project year", "项目年份"),
    "filter.statuses": ("Status", "状态"),
    "filter.modes": ("Cooperation mode", "合作方式"),
    "filter.provinces": ("Province or territory", "省份或地区"),
    "filter.institution": ("Partner institution", "合作机构"),
    "filter.any_institution": ("Any institution", "任何机构"),
    "filter.cpec_only": ("CPEC projects only", "仅中巴经济走廊项目"),
    "filter.imported": ("Include AidData records", "包含 AidData 记录"),
    "filter.reset": ("Reset filters", "重置筛选"),
    "filter.all": ("All", "全部"),
    "filter.all_projects": ("All projects", "全部项目"),
    "filter.share": (
        "The address bar holds these filters: copy it to share this exact view.",
        "地址栏已包含当前筛选条件，复制即可分享此视图。",
    ),
    # states and messages
    "empty.title": ("No projects match these filters", "没有符合筛选条件的项目"),
    "empty.hint": (
        "Widen the filters or press “Reset filters” in the sidebar.",
        "请放宽筛选条件，或点击侧栏中的“重置筛选”。",
    ),
    "error.data_title": (
        "The data could not be loaded: fix these lines and reload",
        "数据无法加载：请修正以下各行后重新加载",
    ),
    "error.more": ("and {n} more errors", "另有 {n} 处错误"),
    "footnote": (
        "Source: China–Pakistan S&T Cooperation dataset<br>Data as of {as_of}",
        "来源：中巴科技合作数据集<br>数据截至 {as_of}",
    ),
    "unknown": ("unknown", "未知"),
    "undisclosed": ("undisclosed", "未披露"),
    # KPIs
    "kpi.header": ("Headline figures", "主要指标"),
    "kpi.as_of_year": (
        "Figures for {year}; change against {prev}",
        "{year} 年数据；与 {prev} 年相比",
    ),
    "kpi.target": (
        "{pct:.0f}% of the {year} target ({target})",
        "完成 {year} 年目标（{target}）的 {pct:.0f}%",
    ),
    "kpi.change": ("{change} vs {year}", "较 {year} 年 {change}"),
    "kpi.undisclosed": ("Projects with undisclosed amounts: {n}", "金额未披露的项目：{n} 个"),
    "kpi.projects_total.name": ("Projects", "项目总数"),
    "kpi.projects_total.def": (
        "Projects and programmes whose project year is the year or earlier (projects with "
        "no known year count in every year).",
        "项目年份不晚于当年的项目与计划（年份未知的项目计入每一年）。",
    ),
    "kpi.under_implementation.name": ("Under implementation", "实施中"),
    "kpi.under_implementation.def": (
        "Projects under implementation at the end of the year (their status then, see "
        "Methodology), among those counted under “Projects”. The change counts only projects "
        "whose status is known at the end of both years.",
        "在“项目总数”所计项目中，当年年底处于“实施中”的项目（按当时状态，见方法说明）。变化只统计两年年底状态均已知的项目。",
    ),
    "kpi.operational.name": ("Operational / completed", "运营中/已完成"),
    "kpi.operational.def": (
        "Projects operational or completed at the end of the year (their status then, see "
        "Methodology), among those counted under “Projects”. The change counts only projects "
        "whose status is known at the end of both years.",
        "在“项目总数”所计项目中，当年年底处于“运营中/已完成”的项目（按当时状态，见方法说明）。变化只统计两年年底状态均已知的项目。",
    ),
    "kpi.agreements_year.name": ("Agreements signed in the year", "当年签署协议"),
    "kpi.agreements_year.def": (
        "Projects whose agreement was signed or announced in the year.",
        "当年签署或宣布协议的项目数。",
    ),
    "kpi.committed_usd.name": ("Committed amount (USD m)", "承诺金额（百万美元）"),
    "kpi.committed_usd.def": (
        "Sum of the disclosed amounts, in millions of US dollars as stated by the sources "
        "(nominal), of the projects counted under “Projects”. Projects with undisclosed "
        "amounts are counted separately, never as zero.",
        "“项目总数”所计项目的已披露金额之和（百万美元，按来源所述名义值）。"
        "金额未披露的项目单独计数，不按零计。",
    ),
    "kpi.green_mw.name": ("Operational green capacity (MW)", "已投运绿色能源装机（兆瓦）"),
    "kpi.green_mw.def": (
        "Installed capacity of green-energy generation projects (hydro, solar, wind, "
        "nuclear; not transmission) operational at the end of the year. The change counts only "
        "projects whose status is known at the end of both years.",
        "当年年底处于运营状态的绿色能源发电项目（水电、太阳能、风电、核电；不含输电）装机容量。变化只统计两年年底状态均已知的项目。",
    ),
    "kpi.joint_labs.name": ("Joint labs and research centres", "联合实验室与研究中心"),
    "kpi.joint_labs.def": (
        "Projects whose cooperation mode is joint lab / research centre, among those counted "
        "under “Projects”.",
        "在“项目总数”所计项目中，合作方式为联合实验室/研究中心的项目。",
    ),
    "kpi.satellites.name": ("Satellites launched with China", "与中方合作发射的卫星"),
    "kpi.satellites.def": (
        "Space projects with a recorded launch by the end of the year and at least one "
        "Chinese partner institution.",
        "截至当年年底有发射记录、且至少有一家中方合作机构的航天项目。",
    ),
    "kpi.institutions.name": ("Institutions engaged", "参与机构"),
    "kpi.institutions.def": (
        "Distinct institutions taking part in the projects counted under “Projects”.",
        "参与“项目总数”所计项目的不同机构数。",
    ),
    # charts
    "chart.by_sector": ("Projects by sector", "各领域项目数"),
    "chart.per_year": ("Agreements signed per year, by sector", "各年份签署协议数（按领域）"),
    "chart.status": ("Projects by status", "项目状态分布"),
    "chart.status_in": ("Projects by status at the end of {year}", "{year} 年底项目状态分布"),
    "chart.partners": ("Leading partner institutions", "主要合作机构"),
    "axis.projects": ("Projects", "项目数"),
    "legend.country": ("Country", "国家"),
    # methodology
    "method.intro": (
        "How every figure on this dashboard is defined and where the data comes from.",
        "本仪表板各项数字的定义及数据来源。",
    ),
    "method.kpis": ("Indicator definitions", "指标定义"),
    "method.sources": ("Data sources", "数据来源"),
    "method.sources_intro": (
        "Every project cites at least one public source. Licences are those the sources "
        "state; facts are reused with attribution.",
        "每个项目至少引用一个公开来源。许可以来源声明为准；事实信息经注明出处后使用。",
    ),
    "method.sources_first": (
        "The table lists the first {shown:,} of {n:,} sources; the download holds them all.",
        "表格列出 {n:,} 个来源中的前 {shown:,} 个；下载文件包含全部来源。",
    ),
    "method.sources_download": ("Download all sources (CSV)", "下载全部来源（CSV）"),
    "method.as_of": (
        "Dataset as of {as_of}: {projects:,} projects, {sources:,} sources.",
        "数据截至 {as_of}：{projects:,} 个项目，{sources:,} 个来源。",
    ),
    "method.year_rule": (
        "Years: a project's year is the year its agreement was signed or announced, or, "
        "where that is unknown, the year it started, or else the year it was completed "
        "(a launch, for a satellite). Partial dates (a year alone) are kept as the sources "
        "give them. Figures for a year count what had happened by the end of that year.",
        "年份：项目年份为协议签署或宣布的年份；若未知，则为启动年份；再未知则为完成年份"
        "（卫星为发射年份）。仅有年份的部分日期按来源原样保留。某一年的数字统计截至该年年底的情况。",
    ),
    "method.status_header": ("A project's status at the end of a year", "项目在某年年底的状态"),
    "method.status_rule": (
        "Stock figures (under implementation, operational / completed, operational green "
        "capacity) and the status charts take each project's status at the end of the "
        "reference year, not its status today. From the year a project was last checked, "
        "that is its recorded status. Before it, the status is worked out from the "
        "project's dated facts: its agreement, start and completion dates and the "
        "milestones that say the same (announcement, agreement, financial close, start of "
        "construction, launch, commissioning, completion, handover), and its suspension or "
        "cancellation. The project is at the furthest step it had reached by the end of the "
        "year (proposed, agreed, under implementation, operational / completed; never further "
        "than its recorded status), unless it was suspended or cancelled on or after its "
        "latest step. A date given as a year alone counts within that year. A project that "
        "no dated fact places by then, or whose recorded status no fact dates (operational "
        "with no completion date, say: it may have got there in any year since its latest "
        "dated fact), is counted as “status unknown for that year”, listed below, never "
        "guessed. The change of a stock figure against the year before counts only the "
        "projects whose status is known at the end of both years.",
        "存量指标（实施中、运营中/已完成、已投运绿色能源装机）和状态图表采用项目在参考年份年底的状态，"
        "而非其当前状态。自项目最近核查的年份起，采用其记录的状态；在此之前，根据项目有日期的事实推算："
        "协议、启动和完成日期，以及表示同样事实的里程碑（宣布、签约、融资关闭、开工、发射、投运、完工、移交），"
        "以及暂停或取消。项目处于该年年底前已达到的最远阶段（拟议、已签约、实施中、运营中/已完成；"
        "不超过其记录的状态），除非其在最近一次推进之时或之后被暂停或取消。仅有年份的日期计入该年。"
        "到该年尚无任何有日期事实的项目，或其记录状态没有任何有日期事实佐证的项目（例如运营中但无完工日期："
        "可能在其最近有日期事实之后的任何一年达到），计为“当年状态不详”，列于下方，绝不猜测。"
        "存量指标与上一年相比的变化，只统计两年年底状态均已知的项目。",
    ),
    "method.status_example": (
        "Example: Karot Hydropower Project. Agreement signed 20 April 2015, works started "
        "April 2015, financial close 2 February 2017, commercial operation 29 June 2022; "
        "recorded status: operational / completed. At the end of 2014 it is not yet counted; "
        "2015–2021: under implementation (the start outranks the agreement of the same "
        "year); from 2022: operational / completed.",
        "示例：卡洛特水电站。2015 年 4 月 20 日签署协议，2015 年 4 月开工，"
        "2017 年 2 月 2 日融资关闭，2022 年 6 月 29 日商业运营；记录状态：运营中/已完成。"
        "2014 年底尚未计入；"
        "2015—2021 年：实施中（同年的开工优先于协议）；自 2022 年起：运营中/已完成。",
    ),
    "col.status_recorded": ("Status recorded today", "当前记录状态"),
    "method.status_unknown": (
        "Projects whose status at the end of {year} is unknown: {n}",
        "{year} 年底状态不详的项目：{n} 个",
    ),
    "col.indicator": ("Indicator", "指标"),
    "col.definition": ("Definition", "定义"),
    "col.publisher": ("Publisher", "发布方"),
    "col.title": ("Title", "标题"),
    "col.url": ("Link", "链接"),
    "col.published": ("Published", "发布日期"),
    "col.licence": ("Licence", "许可"),
    "col.projects": ("Projects", "项目数"),
    # pages
    "page.sectors": ("Sectors", "领域"),
    "page.projects": ("Projects", "项目"),
    "page.partners": ("Partners", "合作机构"),
    "page.map": ("Map", "地图"),
    "page.pipeline": ("Pipeline", "项目进展"),
    "page.briefing": ("Briefing pack", "简报材料"),
    "page.data": ("Data", "数据维护"),
    "data.intro": (
        "Upload records as CSV or Excel, one file per table (several tables at once when "
        "they depend on each other, such as a new project and its source). A file adds and "
        "updates records; records it lacks stay unless you replace the whole table. "
        "Nothing changes until you review the differences and press Apply; the replaced "
        "files are kept as backups and every change is logged.",
        "以 CSV 或 Excel 上传记录，每张表一个文件（相互依赖的表可一起上传，例如新项目及其来源）。"
        "文件只新增和更新记录；除非选择替换整张表，文件中没有的记录会保留。"
        "在核对差异并点击“应用”之前不会有任何改动；被替换的文件会备份，每次改动都会记录。",
    ),
    "data.upload": ("Files", "文件"),
    "data.table_for": ("Table for {name}", "{name} 对应的表"),
    "data.pick_table": ("Choose the table this file changes", "选择此文件修改的表"),
    "data.replace": (
        "Replace whole tables: remove the records the files lack",
        "替换整张表：删除文件中没有的记录",
    ),
    "data.stale": (
        "Nothing was applied: another session changed the data after you reviewed it. "
        "Below is the difference now; apply again if it is still right.",
        "未应用任何改动：在您核对之后，另一会话已修改数据。下面是现在的差异；如仍正确，请再次应用。",
    ),
    "data.aiddata": ("an AidData GCDF 2.0 export (import)", "AidData GCDF 2.0 导出文件（导入）"),
    "data.refused": ("Nothing was changed:", "未做任何改动："),
    "data.errors": (
        "{n} errors: nothing was changed. Fix these lines and upload again.",
        "{n} 处错误：未做任何改动。请修正以下各行后重新上传。",
    ),
    "data.file": ("File", "文件"),
    "data.line": ("Line", "行"),
    "data.column": ("Column", "列"),
    "data.message": ("Problem", "问题"),
    "data.summary": (
        "{added} added, {changed} changed, {removed} removed",
        "新增 {added}，修改 {changed}，删除 {removed}",
    ),
    "data.record": ("Record", "记录"),
    "data.field": ("Field", "字段"),
    "data.before": ("Before", "修改前"),
    "data.after": ("After", "修改后"),
    "data.added": ("(added)", "（新增）"),
    "data.removed": ("(removed)", "（删除）"),
    "data.nothing": ("The files are the same as the current data.", "文件与当前数据相同。"),
    "data.apply": ("Apply these changes", "应用这些改动"),
    "data.applied": (
        "Applied. The dashboard now shows the new data.",
        "已应用。仪表板现在显示新数据。",
    ),
    "page.meeting": ("Meeting mode", "会议模式"),
    "meeting.leave": ("✕ Leave", "✕ 退出"),
    "meeting.previous": ("Previous", "上一页"),
    "meeting.next": ("Next", "下一页"),
    "briefing.building": ("Drawing the charts…", "正在生成图表……"),
    "sectors.pick": ("Sector", "领域"),
    "sectors.intro": (
        "A closer look at one sector, within the filters.",
        "在当前筛选范围内深入了解一个领域。",
    ),
    "sectors.projects": ("Projects in this sector", "本领域项目"),
    "projects.search": ("Search titles, descriptions and partners", "搜索标题、简介和合作机构"),
    "map.cell": ("Projects in this cell: {n:,}", "此网格内项目：{n:,} 个"),
    "map.cells": (
        "{n:,} sites are too many to draw one by one: they are gathered into cells of "
        "{cell}° (about {km} km), each sized by its number of projects and coloured by "
        "the sector with most projects in it.",
        "{n:,} 个站点过多，无法逐一绘制：已按 {cell}°（约 {km} 公里）网格汇总，"
        "标记大小表示网格内的项目数，颜色表示网格内项目最多的领域。",
    ),
    "projects.count": ("{n:,} projects", "{n:,} 个项目"),
    "projects.count.one": ("1 project", "1 个项目"),
    "projects.first": (
        "The table shows the first {shown:,} of {n:,} projects, newest first; search or "
        "filter to narrow it. The downloads hold all {n:,}.",
        "表格显示 {n:,} 个项目中最新的 {shown:,} 个；可搜索或筛选以缩小范围。"
        "下载文件包含全部 {n:,} 个。",
    ),
    "projects.pick": ("Select a row to open the project.", "选择一行以打开项目详情。"),
    "projects.download": ("Download the table (CSV)", "下载表格（CSV）"),
    "projects.download_xlsx": ("Download (Excel)", "下载（Excel）"),
    "method.as_of_short": ("Data as of", "数据截至"),
    "projects.back": ("← All projects", "← 全部项目"),
    "projects.not_found": (
        "No project “{id}” is in view: it is not in the data, or the filters hide it.",
        "当前视图中没有项目“{id}”：数据中没有该项目，或已被筛选条件隐藏。",
    ),
    "url.ignored": (
        "The link asked for what this view cannot show, so it was left out: {values}",
        "链接中的以下内容无法显示，已忽略：{values}",
    ),
    "projects.no_hits": (
        "No project matches “{q}” in its title, description or partners.",
        "没有项目的标题、简介或合作机构包含“{q}”。",
    ),
    "detail.sector": ("Sector", "领域"),
    "detail.mode": ("Cooperation mode", "合作方式"),
    "detail.status": ("Status", "状态"),
    "detail.amount": ("Amount (USD m)", "金额（百万美元）"),
    "detail.capacity": ("Capacity (MW)", "装机容量（兆瓦）"),
    "detail.location": ("Location", "地点"),
    "detail.cpec": ("Listed under CPEC", "中巴经济走廊项目"),
    "detail.milestones": ("Milestones", "里程碑"),
    "detail.partners": ("Partners", "合作机构"),
    "detail.sources": ("Sources", "来源"),
    "detail.notes": ("Notes on the sources", "来源说明"),
    "detail.no_site": ("No mapped site.", "无可标注地点。"),
    "detail.basis": ("{basis} USD of {year}", "{year} 年{basis}美元"),
    "basis.nominal": ("nominal", "名义"),
    "basis.constant": ("constant", "不变价"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "partners.pick": ("Institution", "机构"),
    "partners.its_projects": ("Its projects", "其参与的项目"),
    "partners.copartners": ("Its most frequent partners", "其最常合作的机构"),
    "partners.none": (
        "Pick an institution to see its projects and partners.",
        "选择一个机构以查看其项目和合作伙伴。",
    ),
    "map.size_by": ("Size by", "圆点大小"),
    "map.size.amount": ("Amount (USD m)", "金额（百万美元）"),
    "map.size.capacity": ("Capacity (MW)", "装机容量（兆瓦）"),
    "map.extent": ("Show", "范围"),
    "map.extent.PK": ("Pakistan", "巴基斯坦"),
    "map.extent.all": ("Pakistan and China", "巴基斯坦和中国"),
    "map.unmapped": (
        "{n:,} of the {total:,} projects in view have no mapped site (agreements, programmes, "
        "or a site without known coordinates); the province table counts them all.",
        "当前 {total:,} 个项目中有 {n:,} 个没有可标注地点（协议、计划或坐标未知的地点）；"
        "省份表包含全部项目。",
    ),
    "map.offline": (
        "Points are drawn on a latitude/longitude grid, so the map needs no internet.",
        "圆点绘制在经纬度网格上，地图无需联网。",
    ),
    "pipeline.overdue": ("Behind schedule", "逾期项目"),
    "pipeline.latest": (
        "The chart shows the {shown:,} projects started most recently, of {n:,} with a schedule.",
        "图中显示最近开工的 {shown:,} 个项目（共 {n:,} 个有进度信息的项目）。",
    ),
    "pipeline.overdue_first": (
        "The table lists the {shown:,} most delayed of {n:,} projects behind schedule.",
        "表格列出 {n:,} 个逾期项目中延误最久的 {shown:,} 个。",
    ),
    "pipeline.overdue_intro": (
        "Projects completed after their planned date, or unfinished and past it on {as_of}, "
        "where the data knows the planned date.",
        "已知计划完成日期、且实际完成晚于计划或截至 {as_of} 仍未完成的项目。",
    ),
    "pipeline.none_overdue": (
        "No project in view is behind its planned date.",
        "当前没有逾期项目。",
    ),
    "col.project": ("Project", "项目"),
    "zh.translated": (
        "(译) after a Chinese name: no Chinese source names it so; the name is our translation",
        "名称后标（译）：未找到使用该中文名称的中文来源，为本数据集的译名",
    ),
    "col.sector": ("Sector", "领域"),
    "col.status": ("Status", "状态"),
    "col.year": ("Year", "年份"),
    "col.province": ("Province", "省份"),
    "col.partners": ("Partners", "合作机构"),
    "col.amount": ("Amount (USD m)", "金额（百万美元）"),
    "col.capacity": ("Capacity (MW)", "装机容量（兆瓦）"),
    "col.planned": ("Planned", "计划完成"),
    "col.completed": ("Completed", "实际完成"),
    "col.months_late": ("Months late", "逾期月数"),
    "col.mapped": ("Mapped", "已标注"),
    "col.undisclosed": ("Undisclosed amounts", "金额未披露"),
    "col.date": ("Date", "日期"),
    "col.event": ("Event", "事件"),
    "col.role": ("Role", "角色"),
    "col.institution": ("Institution", "机构"),
    "col.country": ("Country", "国家"),
    "col.type": ("Type", "类型"),
    # page charts
    "chart.by_subsector": ("Projects by sub-area", "各细分领域项目数"),
    "chart.per_year_subsector": ("Projects per year, by sub-area", "各年份项目数（按细分领域）"),
    "chart.capacity_tech": (
        "Capacity by technology and status: installed, being built, agreed (MW)",
        "各技术容量及状态：已投运、在建、已签约（兆瓦）",
    ),
    "chart.capacity_online": (
        "Green capacity coming online per year (MW)",
        "每年新增投运绿色装机（兆瓦）",
    ),
    "chart.largest": ("Largest green-energy projects (MW)", "最大的绿色能源项目（兆瓦）"),
    "chart.missions": ("Space missions, launches and agreements", "航天任务、发射与协议"),
    "chart.milestones": ("Milestones", "里程碑"),
    "chart.sites": ("Project sites", "项目地点"),
    "chart.provinces": ("Projects by province or territory", "各省份/地区项目数"),
    "chart.partner_types": (
        "Institutions engaged, by type and country",
        "参与机构（按类型和国家）",
    ),
    "chart.network": ("Who works with whom", "合作关系网络"),
    "chart.funnel": ("How far projects have come", "项目进展漏斗"),
    "chart.funnel_in": (
        "How far projects had come by the end of {year}",
        "截至 {year} 年底项目进展",
    ),
    "funnel.proposed": ("Proposed or further", "已提出及以后"),
    "funnel.agreed": ("Agreed or further", "已签约及以后"),
    "funnel.under_implementation": ("Under implementation or further", "实施中及以后"),
    "funnel.operational": ("Operational / completed", "运营中/已完成"),
    "chart.gantt": ("From start to completion", "从启动到完成"),
    "axis.mw": ("Capacity (MW)", "装机容量（兆瓦）"),
    "axis.institutions": ("Institutions", "机构数"),
    "legend.status": ("Status", "状态"),
    "legend.sector": ("Sector", "领域"),
    "legend.subsector": ("Sub-area", "子领域"),
    "deck.made": ("Prepared on {date}", "制作日期：{date}"),
    "report.contents": ("Contents", "目录"),
    "report.sources": ("Sources ({n:,})", "资料来源（{n:,} 条）"),
    "briefing.left_out": (
        "Left out: “{title}”, a single bar (its figure is in the headline figures)",
        "未收录：“{title}”（仅一根柱，其数字见主要指标）",
    ),
    "legend.event": ("Milestone", "里程碑"),
    "gantt.note": (
        "Solid: started to completed. Hatched: started to the planned completion, not "
        "completed yet.",
        "实心：从启动到完成。斜纹：从启动到计划完成时间，尚未完成。",
    ),
    "funnel.note": (
        "Each stage counts the projects that had reached it, not those at it.<br>"
        "Not in the funnel: suspended {suspended} · cancelled {cancelled} · "
        "status unknown for that year {unknown}",
        "每一阶段统计已达到该阶段的项目（而非正处于该阶段的项目）。<br>"
        "未计入：暂停 {suspended} · 取消 {cancelled} · 当年状态不详 {unknown}",
    ),
    "network.note": (
        "Lines join a Chinese and a Pakistani institution that share projects; "
        "circle size = projects.",
        "连线表示中巴机构共同参与的项目；圆圈大小表示项目数。",
    ),
    # export
    "briefing.title": ("China–Pakistan S&T Cooperation: briefing", "中巴科技合作简报"),
    "briefing.change": ("Change against {prev}", "较 {prev} 年变化"),
    "briefing.header": ("Briefing pack", "简报材料"),
    "briefing.intro": (
        "A PDF (a cover with the headline figures, then one chart per page), a PowerPoint "
        "deck and a ZIP of the chart images, for the current filters.",
        "按当前筛选条件生成：PDF（封面含主要指标，其后每页一张图表）、"
        "PowerPoint 演示文稿和图表图片压缩包。",
    ),
    "briefing.charts": ("Charts", "图表"),
    "briefing.build": ("Build the briefing pack", "生成简报材料"),
    "briefing.pdf": ("PDF", "PDF"),
    "briefing.pptx": ("PowerPoint", "PowerPoint"),
    "briefing.zip": ("Chart images (ZIP)", "图表图片（ZIP）"),
    "export.save": ("Save", "保存"),
    "export.png": ("PNG image (slides, chat)", "PNG 图片（幻灯片、聊天）"),
    "export.svg": ("SVG (print)", "SVG（印刷）"),
    "export.pdf": ("PDF (print)", "PDF（印刷）"),
    "export.html": ("Interactive HTML (offline)", "交互式 HTML（可离线打开）"),
    "export.no_browser": (
        "Images need Chrome or Chromium on the server, and none was found. "
        "Install it with: {command}",
        "导出图片需要服务器安装 Chrome 或 Chromium，当前未找到。安装命令：{command}",
    ),
    # coded values
    "status.proposed": ("Proposed", "拟议"),
    "status.agreed": ("Agreed", "已签约"),
    "status.under_implementation": ("Under implementation", "实施中"),
    "status.operational": ("Operational / completed", "运营中/已完成"),
    "status.suspended": ("Suspended", "暂停"),
    "status.cancelled": ("Cancelled", "取消"),
    "status.unknown": ("Status unknown for that year", "当年状态不详"),
    "mode.joint_lab": ("Joint lab / research centre", "联合实验室/研究中心"),
    "mode.technology_transfer": ("Technology transfer", "技术转移"),
    "mode.investment": ("Investment or infrastructure", "投资或基础设施"),
    "mode.training_exchange": ("Training and exchange", "培训与交流"),
    "mode.stem_education": ("STEM education and science popularisation", "科学教育与科普"),
    "mode.framework_agreement": ("Framework agreement / MoU", "框架协议/谅解备忘录"),
    "mode.enterprise_incubation": ("Enterprise and incubation", "企业与孵化"),
    "mode.donation_aid": ("Donation / aid", "捐赠/援助"),
    "province.PK-PB": ("Punjab", "旁遮普省"),
    "province.PK-SD": ("Sindh", "信德省"),
    "province.PK-KP": ("Khyber Pakhtunkhwa", "开伯尔-普什图赫瓦省"),
    "province.PK-BA": ("Balochistan", "俾路支省"),
    "province.PK-IS": ("Islamabad Capital Territory", "伊斯兰堡首都特区"),
    "province.PK-GB": ("Gilgit-Baltistan", "吉尔吉特-伯尔蒂斯坦"),
    "province.PK-JK": ("Azad Jammu and Kashmir", "巴控克什米尔"),
    "province.multiple": ("Several provinces", "多个省份"),
    "country.CN": ("China", "中国"),
    "country.PK": ("Pakistan", "巴基斯坦"),
    "country.other": ("Other", "其他"),
    "event.announced": ("Announced", "宣布"),
    "event.agreement_signed": ("Agreement signed", "签署协议"),
    "event.financial_close": ("Financial close", "融资关闭"),
    "event.construction_started": ("Construction started", "开工"),
    "event.launched": ("Launched", "发射/启动"),
    "event.inaugurated": ("Inaugurated", "落成"),
    "event.commissioned": ("Commissioned", "投运"),
    "event.completed": ("Completed", "完成"),
    "event.handed_over": ("Handed over", "移交"),
    "event.suspended": ("Suspended", "暂停"),
    "event.cancelled": ("Cancelled", "取消"),
    "event.other": ("Other", "其他"),
    "role.lead": ("Lead", "牵头"),
    "role.partner": ("Partner", "合作方"),
    "role.financier": ("Financier", "出资方"),
    "role.contractor": ("Contractor", "承包方"),
    "role.host": ("Host", "承办方"),
    "type.ministry_agency": ("Ministry or agency", "政府部门或机构"),
    "type.academy_institute": ("Academy or research institute", "科学院或研究所"),
    "type.university": ("University", "大学"),
    "type.enterprise": ("Enterprise", "企业"),
    "type.financier": ("Financier", "金融机构"),
    "type.association": ("Association", "协会"),
    "type.international_org": ("International organisation", "国际组织"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string for `key` in `lang`, formatted with `values`; a missing key shows itself.
    With n=1, `key.one` where there is one ("1 project", not "1 projects")."""
    if values.get("n") == 1 and f"{key}.one" in STRINGS:
        key = f"{key}.one"
    pair = STRINGS.get(key)
    text = pair[LANGS.index(lang) if lang in LANGS else 0] if pair else key
    return text.format(**values) if values else text


def label(kind: str, code: str | None, lang: str = "en") -> str:
    """Label of a coded value (status, mode, province, country); unknown when empty."""
    if code is None or code != code:  # None or NaN
        return t("unknown", lang)
    return t(f"{kind}.{code}", lang) if f"{kind}.{code}" in STRINGS else code


def width(text: str) -> int:
    """How wide `text` sets, in Latin letters: a Chinese character takes about two (for
    breaking titles and sizing table rows in charts, slides and PDF pages)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


# After a Chinese name no Chinese source gives (basis "translated"): the text "zh.translated"
# explains it where the name is shown.
TRANSLATED = "（译）"


def localized(en: str | None, zh: str | None, lang: str, basis: str | None = None) -> str:
    """A name from the data in `lang`, falling back to English where Chinese is not known;
    a translated Chinese name is marked as such when its `basis` is given."""
    if lang == "zh" and isinstance(zh, str) and zh:
        return zh + TRANSLATED if basis == "translated" else zh
    return en if isinstance(en, str) else ""


def localize(df, lang: str, prefix: str = "title") -> list[str]:
    """Each row's `<prefix>_zh` in Chinese where known, else its `<prefix>_en`; marked
    translated where the frame carries `<prefix>_zh_basis` (tables do, charts do not)."""
    names = list(zip(df[f"{prefix}_en"], df[f"{prefix}_zh"], strict=True))
    basis = df[f"{prefix}_zh_basis"] if f"{prefix}_zh_basis" in df else [None] * len(names)
    return [localized(en, zh, lang, b) for (en, zh), b in zip(names, basis, strict=True)]


def names(df, key: str, prefix: str, lang: str) -> dict[str, str]:
    """{code: name in lang} from a frame with `<prefix>_en` and `<prefix>_zh` columns."""
    return dict(zip(df[key], localize(df, lang, prefix), strict=True))
