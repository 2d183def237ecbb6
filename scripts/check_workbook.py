#!/usr/bin/env python3
"""Second-reader checks of Inventory Desk's handoff workbook (docs/workbook.md).

Run by scripts/interop.sh; usable alone too:

    check_workbook.py xlsx FILE.xlsx --rows N [--text-name NAME ...] [--checklist-rows M]
                          [--plan-rows P]
        Reads the app's exported workbook with openpyxl and checks its structure,
        the Checklist sheet(s) included (with --checklist-rows, that they hold M answers)
        and the Publication Plan sheet (with --plan-rows, that it holds P plans).
    check_workbook.py csv FILE.csv --rows N [--same-as APP.csv]
        Checks a CSV of the Inventory sheet (LibreOffice's conversion, or the app's own
        CSV export): the headers of workbook.md and N data rows; with --same-as, every cell equal to
        the other CSV (the app's CSV export guards text that starts with = + - @ with a
        leading apostrophe; that one character is ignored).
    check_workbook.py pdf FILE.pdf
        Reads LibreOffice's PDF of the whole workbook with pypdf: every page of the
        Inventory (between the CDO Review and Data Sources pages) carries its header row,
        so the sheet prints at most one page wide.
    check_workbook.py png FILE.png --size WxH
        Reads a PNG with zlib/struct only: its size, and that it is not blank.

Each check prints one PASS or FAIL line; the exit status is 1 if any failed.
"""

import argparse
import csv
import datetime
import struct
import sys
import zlib

def contract_headers():
    """The Inventory sheet's headers, in order, as docs/workbook.md's column table
    ("### Inventory columns") gives them (its rows `| N | Header | ...`, N counting from 1)."""
    import os
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "workbook.md")
    headers = []
    with open(doc, encoding="utf-8") as f:
        # The first numbered table below its heading (other sheets' tables come before it).
        for line in f:
            if line.strip() == "### Inventory columns":
                break
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) > 1 and cells[0].isdigit():
                if int(cells[0]) == len(headers) + 1:
                    headers.append(cells[1])
                elif headers:
                    break
            elif headers and not line.strip():
                break
    return headers


HEADERS = contract_headers()
# The guide's Appendix A columns and the app's own: the first 48 never move.
assert len(HEADERS) >= 48 and HEADERS[0] == "Dataset Name" and HEADERS[47] == "Inventory ID", HEADERS

FREQUENCIES = [
    "Continuously updated", "Hourly", "Daily", "Three times a week", "Semiweekly",
    "Weekly", "Biweekly", "Three times a month", "Semimonthly", "Monthly", "Bimonthly",
    "Quarterly", "Three times a year", "Semiannual", "Annual", "Biennial", "Triennial",
    "Quadrennial", "Decennial", "Irregular", "Not updated (historical)",
]
YES_BLANK = ["Yes"]
# Every choice column and its allowed values, as workbook.md lists them.
CHOICES = {
    "Contains Sensitive Data": ["Yes", "No", "Unsure"],
    "Geographic Granularity": ["Address", "Parcel", "Block", "Census tract", "Neighborhood",
                               "Council district", "ZIP code", "Citywide", "None"],
    "Update Frequency": FREQUENCIES,
    "Collection Frequency": FREQUENCIES,
    "Existing Publication": ["Yes", "No"],
    "Data Classification": ["Public", "Protected", "Sensitive"],
    "Security Level": ["Level 1", "Level 2", "Level 3"],
    "Data Quality": ["High", "Medium", "Low"],
    "Priority": ["High", "Medium", "Low"],
    "Records Requests": ["None", "A few a year", "Monthly", "Weekly", "Daily"],
    "Category": ["Business", "Education", "Elections", "Environment", "Fiscal", "Health",
                 "Operations", "Properties", "Public Safety", "Recreation", "Services",
                 "Social Services", "Transportation", "Utilities", "Other"],
    "License": ["CC0 1.0", "ODC PDDL 1.0", "CC BY 4.0", "ODC-By 1.0", "Other", "Not decided"],
    "Citywide Goal": YES_BLANK, "Department Mission": YES_BLANK,
    "Frequently Requested": YES_BLANK, "Performance or Budget": YES_BLANK,
    "Legislative Reports": YES_BLANK, "Grant Reports": YES_BLANK,
    "Measurement or Transaction": YES_BLANK, "Drives Visualizations": YES_BLANK,
    "CDO Decision": ["Approved", "Changes requested", "Not publishable"],
}
assert len(CHOICES) == 21
# Kept by the app: grey, and no dropdown (workbook.md, "The Inventory sheet").
NO_DROPDOWN = ["Publication Status", "Last Updated", "Inventory ID"]
DATE_COLUMNS = ["Start Date", "Target Publication Date", "Department Approval Date",
                "Reviewed On"]
# The Checklist sheet: one row per answered check (src/workbook/columns.rs, CHECKLIST_HEADERS).
CHECKLIST_HEADERS = ["Inventory ID", "Section", "Question", "Answer", "Note", "Answered On"]
CHECK_ANSWERS = ["Yes", "No", "Not applicable"]
# The Publication Plan sheet: one row per dataset with a plan (src/workbook/columns.rs,
# PLAN_HEADERS), and the tactics its Tactics cells may name, separated by semicolons.
PLAN_HEADERS = ["Inventory ID", "Dataset Name", "Tactics", "Announce On", "Announced By",
                "Kept Up To Date By", "Published On", "Last Refreshed"]
PLAN_DATES = ["Announce On", "Published On", "Last Refreshed"]
TACTICS = ["Blog post", "Social media", "Press release", "Public event", "Hackathon"]
# The CDO Review sheet, right after Instructions (src/workbook/columns.rs, REVIEW_HEADERS):
# what the CDO reads (locked) and the CDO's four columns (unlocked).
REVIEW_HEADERS = ["Inventory ID", "Dataset Name", "Department", "Data Steward",
                  "Checklist Complete", "Data Classification", "CDO Decision", "CDO Notes",
                  "Reviewed By", "Reviewed On", "Metadata Score"]
CDO_COLUMNS = ["CDO Decision", "CDO Notes", "Reviewed By", "Reviewed On"]
# The sheets printed with their header row on every page (all but Instructions and About).
NO_TITLE_ROWS = ["Instructions", "About"]

failures = 0


def check(ok, what, detail=""):
    global failures
    if ok:
        print(f"  PASS {what}")
    else:
        failures += 1
        print(f"  FAIL {what}" + (f": {detail}" if detail else ""))
    return ok


def show(values, limit=5):
    values = list(values)
    text = ", ".join(str(v) for v in values[:limit])
    return text + (f", … ({len(values)} in all)" if len(values) > limit else "")


# ----------------------------------------------------------------------------- xlsx

def parse_range(ref):
    """'Lists'!$J$2:$J$6 -> ('Lists', 'J2:J6')."""
    ref = ref.lstrip("=")
    if "!" not in ref:
        return None, ref.replace("$", "")
    sheet, cells = ref.rsplit("!", 1)
    return sheet.strip("'").replace("''", "'"), cells.replace("$", "")


def list_values(wb, dv):
    """The values a list data validation offers: its own list, or the cells it points at."""
    formula = (dv.formula1 or "").strip()
    if formula.startswith('"'):
        return [v for v in formula.strip('"').split(",")]
    sheet, cells = parse_range(formula)
    if sheet not in wb.sheetnames:
        return None
    values = [c.value for row in wb[sheet][cells]
              for c in (row if isinstance(row, tuple) else (row,))]
    return [str(v) for v in values if v not in (None, "")]


def check_checklist(wb, names, inventory, inventory_cols, want_rows):
    """The Checklist sheet(s): headers, answers, real dates, the Answer dropdown."""
    if not check(bool(names), "the Checklist sheet exists"):
        return
    ids = inventory_ids(inventory, inventory_cols)
    total, bad_dates, bad_answers, unknown_ids, formulas = 0, [], [], [], []
    for name in names:
        ws = wb[name]
        header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
        check(header == CHECKLIST_HEADERS, f"{name} row 1 is the six checklist headers",
              first_difference(header, CHECKLIST_HEADERS))
        not_bold = [h for c, h in enumerate(header, 1) if h and not ws.cell(1, c).font.b]
        check(not not_bold, f"{name} header cells are bold", f"not bold: {show(not_bold)}")
        fp = ws.freeze_panes
        check(fp is not None and coordinate_row(fp) == 2, f"{name} header row is frozen",
              f"freeze_panes = {fp!r}")
        check(bool(ws.auto_filter.ref), f"{name} has an autofilter")
        found = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"
                 and any(cr.min_col <= 4 <= cr.max_col and cr.min_row <= 2
                         for cr in dv.sqref.ranges)]
        values = list_values(wb, found[0]) if found else None
        check(values == CHECK_ANSWERS,
              f"{name} Answer (column D) has a list validation of {', '.join(CHECK_ANSWERS)}",
              "no list validation on D2" if not found else f"it offers {values}")
        for row in ws.iter_rows(min_row=2):
            if not any(c.value not in (None, "") for c in row):
                continue
            total += 1
            cells = {CHECKLIST_HEADERS[i]: c for i, c in enumerate(row[:6])}
            formulas += [c.coordinate for c in row if c.data_type == "f"]
            on = cells.get("Answered On")
            if on is not None and on.value not in (None, "") and not on.is_date:
                bad_dates.append(f"{on.coordinate}={on.value!r}")
            answer = cells.get("Answer")
            if answer is not None and answer.value not in (None, "") \
                    and answer.value not in CHECK_ANSWERS:
                bad_answers.append(f"{answer.coordinate}={answer.value!r}")
            rid = cells.get("Inventory ID")
            if ids and rid is not None and str(rid.value) not in ids:
                unknown_ids.append(f"{rid.coordinate}={rid.value!r}")
    check(not bad_dates, f"Answered On cells are real dates ({total} rows)",
          f"not dates: {show(bad_dates)}")
    check(not bad_answers, "every Answer is Yes, No or Not applicable", show(bad_answers))
    check(not unknown_ids, "every Checklist Inventory ID is on the Inventory sheet",
          show(unknown_ids))
    check(not formulas, "no cell of the Checklist is a formula", f"formulas in {show(formulas)}")
    if want_rows is not None:
        check(total == want_rows, f"the Checklist holds {want_rows} answers", f"found {total}")


def inventory_ids(inventory, inventory_cols):
    if "Inventory ID" not in inventory_cols:
        return set()
    c = inventory_cols["Inventory ID"]
    return {str(v) for (v,) in inventory.iter_rows(min_row=2, min_col=c, max_col=c,
                                                   values_only=True) if v}


def check_plan(wb, inventory, inventory_cols, want_rows):
    """The Publication Plan sheet: headers, notes, real dates, known tactics and IDs."""
    name = "Publication Plan"
    if not check(name in wb.sheetnames, "the Publication Plan sheet exists"):
        return
    ws = wb[name]
    header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    check(header == PLAN_HEADERS, f"{name} row 1 is the eight plan headers",
          first_difference(header, PLAN_HEADERS))
    not_bold = [h for c, h in enumerate(header, 1) if h and not ws.cell(1, c).font.b]
    check(not not_bold, f"{name} header cells are bold", f"not bold: {show(not_bold)}")
    no_note = [h for c, h in enumerate(header, 1) if h and ws.cell(1, c).comment is None]
    check(not no_note, f"{name} header cells have a note", f"no note on {show(no_note)}")
    fp = ws.freeze_panes
    check(fp is not None and coordinate_row(fp) == 2, f"{name} header row is frozen",
          f"freeze_panes = {fp!r}")
    check(bool(ws.auto_filter.ref), f"{name} has an autofilter")
    ids = inventory_ids(inventory, inventory_cols)
    total, dates, bad_dates, bad_tactics, unknown_ids, formulas = 0, 0, [], [], [], []
    for row in ws.iter_rows(min_row=2):
        if not any(c.value not in (None, "") for c in row):
            continue
        total += 1
        cells = {PLAN_HEADERS[i]: c for i, c in enumerate(row[:len(PLAN_HEADERS)])}
        formulas += [c.coordinate for c in row if c.data_type == "f"]
        for column in PLAN_DATES:
            cell = cells.get(column)
            if cell is None or cell.value in (None, ""):
                continue
            dates += 1
            if not cell.is_date:
                bad_dates.append(f"{cell.coordinate}={cell.value!r}")
        tactics = cells.get("Tactics")
        if tactics is not None and tactics.value not in (None, ""):
            words = [w.strip() for w in str(tactics.value).split(";")]
            if any(w not in TACTICS for w in words):
                bad_tactics.append(f"{tactics.coordinate}={tactics.value!r}")
        rid = cells.get("Inventory ID")
        if ids and rid is not None and str(rid.value) not in ids:
            unknown_ids.append(f"{rid.coordinate}={rid.value!r}")
    check(not bad_dates, f"{name} date cells are real dates ({dates} checked)",
          f"not dates: {show(bad_dates)}")
    if want_rows:
        check(dates > 0, f"{name} has dates to check", "every date cell is empty")
    check(not bad_tactics, "every Tactics cell names known tactics, separated by semicolons",
          show(bad_tactics))
    check(not unknown_ids, "every Publication Plan Inventory ID is on the Inventory sheet",
          show(unknown_ids))
    check(not formulas, f"no cell of {name} is a formula", f"formulas in {show(formulas)}")
    if want_rows is not None:
        check(total == want_rows, f"{name} holds {want_rows} plans", f"found {total}")


def coordinate_row(ref):
    from openpyxl.utils.cell import coordinate_from_string
    return coordinate_from_string(ref)[1]


def check_cdo_review(wb, inventory, inventory_cols, want_rows):
    """The CDO Review sheet: second, its headers, one row per dataset, the CDO's columns
    unlocked in the Inventory's CDO colour, the rest locked, the decision a dropdown."""
    if "CDO Review" not in wb.sheetnames:
        check(False, "the CDO Review sheet exists")
        return
    check(wb.sheetnames.index("CDO Review") == 1, "CDO Review is the second sheet, after Instructions",
          f"it is sheet {wb.sheetnames.index('CDO Review') + 1}")
    ws = wb["CDO Review"]
    header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    check(header == REVIEW_HEADERS, f"CDO Review row 1 is its {len(REVIEW_HEADERS)} headers, in order",
          first_difference(header, REVIEW_HEADERS))
    col = {h: i + 1 for i, h in enumerate(header) if h is not None}
    data = sum(1 for row in ws.iter_rows(min_row=2, values_only=True) if any(v not in (None, "") for v in row))
    check(data == want_rows if want_rows is not None else data > 0,
          f"CDO Review has a row per dataset ({want_rows})", f"found {data}")
    check(ws.protection.sheet, "CDO Review is protected (its grey cells locked)")
    check(ws.freeze_panes is not None, "CDO Review's header row is frozen", f"{ws.freeze_panes!r}")
    last = ws.max_row
    unlocked, locked = [], []
    for name in REVIEW_HEADERS:
        if name not in col:
            continue
        for r in range(2, min(last, 200) + 1):
            cell = ws.cell(row=r, column=col[name])
            if name in CDO_COLUMNS and cell.protection.locked:
                locked.append(cell.coordinate)
            elif name not in CDO_COLUMNS and not cell.protection.locked:
                unlocked.append(cell.coordinate)
    check(not locked, "the CDO's four columns are unlocked", f"locked: {show(locked)}")
    check(not unlocked, "the columns for reading are locked", f"unlocked: {show(unlocked)}")
    colours = {ws.cell(1, col[n]).fill.fgColor.rgb for n in CDO_COLUMNS if n in col}
    inventory_colours = {inventory.cell(1, inventory_cols[n]).fill.fgColor.rgb
                         for n in CDO_COLUMNS if n in inventory_cols}
    others = {inventory.cell(1, inventory_cols[n]).fill.fgColor.rgb
              for n in ("Dataset Name", "Contents") if n in inventory_cols}
    check(len(colours) == 1 and colours == inventory_colours and not colours & others,
          "the CDO's headers have one colour of their own, the same on both sheets",
          f"CDO Review {colours}, Inventory {inventory_colours}, other headers {others}")
    if "CDO Decision" in col:
        found = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"
                 and any(cr.min_col <= col["CDO Decision"] <= cr.max_col for cr in dv.sqref.ranges)]
        sheet, _ = parse_range(found[0].formula1 or "") if found else (None, None)
        check(bool(found) and sheet == "Lists", "CDO Decision has a dropdown from the Lists sheet",
              f"{[dv.formula1 for dv in found]}")


def check_print(wb):
    """Every sheet prints landscape, one page wide, any number of pages tall, and every
    sheet with a header row repeats it on each page."""
    bad = []
    for ws in wb.worksheets:
        ps, props = ws.page_setup, ws.sheet_properties.pageSetUpPr
        fit = props is not None and props.fitToPage
        wide = ps.fitToWidth in (None, 1, "1")
        tall = ps.fitToHeight in (0, "0")
        if ps.orientation != "landscape" or not fit or not wide or not tall:
            bad.append(f"{ws.title} (orientation {ps.orientation}, fitToPage {fit}, "
                       f"fitToWidth {ps.fitToWidth}, fitToHeight {ps.fitToHeight})")
    check(not bad, "every sheet prints landscape, one page wide, as many pages tall as needed",
          "; ".join(bad))
    titles = [ws.title for ws in wb.worksheets
              if ws.title not in NO_TITLE_ROWS and ws.print_title_rows not in ("1:1", "$1:$1")]
    check(not titles, "every sheet with a header row prints it on each page",
          f"not on {show(titles)}")


def check_pdf(path, after, until, header):
    """LibreOffice's PDF of the whole workbook, sheets in order: the Inventory's pages are
    those between the last page of the sheet before it (whose repeated header holds
    `after`) and the first of the sheet after it (`until`). Each must carry the
    Inventory's repeated header row (`header`, its first column): a sheet wider than one
    page prints its right-hand columns on pages without it. (Printed alone, as its
    file's first sheet, the Inventory may fit where it does not in the workbook:
    LibreOffice shrinks a first sheet further than the others.)"""
    from pypdf import PdfReader
    # Words only: a wrapped header cell prints over two lines.
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]
    end = next((i for i, t in enumerate(pages) if until in t), None)
    if not check(end is not None, f"the PDF prints the sheet after the Inventory ({until!r})",
                 f"no such page among {len(pages)}"):
        return
    before = [i for i in range(end) if after in pages[i]]
    if not check(bool(before), f"the PDF prints the sheet before the Inventory ({after!r})"):
        return
    sheet = [i for i in range(before[-1] + 1, end) if pages[i].strip()]
    check(bool(sheet), "the PDF prints the Inventory", "no page between the sheets around it")
    without = [i + 1 for i in sheet if header not in pages[i]]
    check(not without, f"the Inventory prints one page wide: each of its {len(sheet)} pages "
          f"carries its header row", f"pages without {header!r}: {show(without)}")


def check_xlsx(path, rows, text_names, checklist_rows=None, plan_rows=None):
    import openpyxl
    from openpyxl.utils import get_column_letter, range_boundaries
    from openpyxl.utils.cell import coordinate_from_string

    wb = openpyxl.load_workbook(path)  # not read-only: validations and comments need the full model
    # A checklist longer than a sheet continues on "Checklist (2)", "Checklist (3)"…
    checklists = ["Checklist"] + [f"Checklist ({n})" for n in range(2, len(wb.sheetnames) + 1)
                                  if f"Checklist ({n})" in wb.sheetnames]
    visible = (["Instructions", "CDO Review", "Inventory", "Data Sources"] + checklists
               + ["Publication Plan", "Attributes", "Distributions", "Departments"])
    want = visible + ["Lists", "About"]
    check(wb.sheetnames == want, "sheet order is " + ", ".join(want), f"found {wb.sheetnames}")
    states = {name: wb[name].sheet_state for name in wb.sheetnames}
    check(all(states.get(n) == "visible" for n in visible),
          ", ".join(visible) + " are visible", f"{states}")
    check(states.get("Lists") == "hidden" and states.get("About") == "hidden",
          "Lists and About are hidden", f"{states}")
    check(wb.active is not None and wb.active.title == "Instructions",
          "the workbook opens on Instructions", f"active sheet is {wb.active.title!r}")

    # About: key/value rows.
    about = {}
    if "About" in wb.sheetnames:
        for row in wb["About"].iter_rows(min_col=1, max_col=2, values_only=True):
            if row[0] is not None:
                about[str(row[0]).strip()] = row[1]
    check(about.get("schema") == "inventory-desk/1", "About: schema = inventory-desk/1",
          f"schema = {about.get('schema')!r}")
    check(bool(about.get("export_id")), "About: export_id is set",
          f"export_id = {about.get('export_id')!r}")
    exported_at = about.get("exported_at")
    try:
        ok = isinstance(exported_at, datetime.datetime) or bool(
            datetime.datetime.fromisoformat(str(exported_at)))
    except ValueError:
        ok = False
    check(ok, "About: exported_at is ISO 8601", f"exported_at = {exported_at!r}")
    for key in ("department", "department_code", "app_version"):
        check(bool(about.get(key)), f"About: {key} is set", f"{key} = {about.get(key)!r}")
    check(str(about.get("datasets")) == str(rows), f"About: datasets = {rows}",
          f"datasets = {about.get('datasets')!r}")

    # Document properties.
    props = wb.properties
    check(bool(props.title), "document title is set", f"title = {props.title!r}")
    check(bool(props.creator), "document creator (author) is set", f"creator = {props.creator!r}")
    if about.get("department"):
        check(props.creator == about.get("department"),
              "document author is the department (as About names it)",
              f"creator = {props.creator!r}, About department = {about.get('department')!r}")
    check(props.created is not None, "document created date is set")

    if "Inventory" not in wb.sheetnames:
        check(False, "Inventory sheet exists")
        return
    ws = wb["Inventory"]

    # Header row.
    header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    check(header == HEADERS and ws.max_column == len(HEADERS),
          f"Inventory row 1 is the {len(HEADERS)} headers of workbook.md, in order",
          first_difference(header, HEADERS))
    col = {h: i + 1 for i, h in enumerate(header) if h is not None}

    missing_notes = [h for h in HEADERS if h in col and ws.cell(1, col[h]).comment is None]
    check(not missing_notes, "every header cell has a note (comment)",
          f"no note on {show(missing_notes)}")
    not_bold = [h for h in HEADERS if h in col and not ws.cell(1, col[h]).font.b]
    check(not not_bold, "header cells are bold", f"not bold: {show(not_bold)}")
    not_wrapped = [h for h in HEADERS if h in col and not ws.cell(1, col[h]).alignment.wrap_text]
    check(not not_wrapped, "header cells wrap", f"not wrapped: {show(not_wrapped)}")

    # Data rows: count every row below the header that has any value.
    data_rows = 0
    for row in ws.iter_rows(min_row=2, values_only=True):
        if any(v is not None and v != "" for v in row):
            data_rows += 1
    check(data_rows == rows, f"Inventory has {rows} data rows", f"found {data_rows}")

    # Frozen header, autofilter.
    fp = ws.freeze_panes
    fp_row = coordinate_from_string(fp)[1] if fp else None
    check(fp is not None and fp_row == 2, "the header row is frozen (freeze_panes on row 2)",
          f"freeze_panes = {fp!r}")
    af = ws.auto_filter.ref
    ok = False
    if af:
        min_col, min_row, max_col, max_row = range_boundaries(af)
        ok = min_row == 1 and min_col == 1 and max_col >= len(HEADERS)
    check(ok, f"an autofilter covers the header row's {len(HEADERS)} columns",
          f"auto_filter.ref = {af!r}")

    # Data validations: every choice column has a list pointing at Lists, over every data row,
    # and the Lists cells it points at hold the allowed values of workbook.md.
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        for cr in dv.sqref.ranges:
            for c in range(cr.min_col, cr.max_col + 1):
                by_col.setdefault(c, []).append((dv, cr))
    lists = wb["Lists"] if "Lists" in wb.sheetnames else None
    bad_kind, bad_target, bad_cover, bad_values, order_notes = [], [], [], [], []
    for name, allowed in CHOICES.items():
        if name not in col:
            bad_kind.append(f"{name} (no such column)")
            continue
        found = [(dv, cr) for dv, cr in by_col.get(col[name], []) if dv.type == "list"]
        if not found:
            bad_kind.append(name)
            continue
        dv, cr = found[0]
        sheet, cells = parse_range(dv.formula1 or "")
        if sheet != "Lists":
            bad_target.append(f"{name} -> {dv.formula1}")
            continue
        if cr.min_row > 2 or cr.max_row < rows + 1:
            bad_cover.append(f"{name} covers rows {cr.min_row}-{cr.max_row}")
        if lists is not None:
            values = [c.value for row in lists[cells] for c in (row if isinstance(row, tuple) else (row,))]
            values = [str(v) for v in values if v not in (None, "")]
            if sorted(values) != sorted(allowed):
                bad_values.append(f"{name}: Lists!{cells} holds {values}, workbook.md says {allowed}")
            elif values != allowed:
                order_notes.append(f"{name}: {values}")
    dropdowns = [name for name in NO_DROPDOWN
                 if name in col and any(dv.type == "list" for dv, _ in by_col.get(col[name], []))]
    check(not dropdowns, "the columns the app keeps have no dropdown: " + ", ".join(NO_DROPDOWN),
          f"a dropdown on {show(dropdowns)}")
    check(not bad_kind, f"every choice column ({len(CHOICES)}) has a list data validation",
          f"none on {show(bad_kind, 30)}")
    check(not bad_target, "every choice list's formula points at the Lists sheet",
          show(bad_target, 30))
    check(not bad_cover, f"every choice list covers data rows 2-{rows + 1}", show(bad_cover, 30))
    check(not bad_values, "each choice list holds exactly the allowed values of workbook.md",
          "; ".join(bad_values))
    for note in order_notes:
        print(f"  note: list in another order than workbook.md: {note}")

    # Cell types: no formulas at all; dates are real dates.
    formulas = [c.coordinate for row in ws.iter_rows(min_row=2) for c in row if c.data_type == "f"]
    check(not formulas, "no cell of Inventory is a formula", f"formulas in {show(formulas)}")
    for name in DATE_COLUMNS + ["End Date", "Last Updated"]:
        if name not in col:
            continue
        letter = get_column_letter(col[name])
        bad, seen = [], 0
        for (cell,) in ws.iter_rows(min_row=2, min_col=col[name], max_col=col[name]):
            if cell.value in (None, ""):
                continue
            seen += 1
            if name == "End Date" and cell.value == "Current":
                continue
            if not cell.is_date:
                bad.append(f"{letter}{cell.row}={cell.value!r}")
        if name == "Start Date":
            check(seen > 0, "Start Date has values to check", "every Start Date is empty")
        what = "real dates (or Current)" if name == "End Date" else "real dates"
        check(not bad, f"{name} cells are {what} ({seen} checked)", f"not dates: {show(bad)}")

    check_cdo_review(wb, ws, col, rows)
    check_print(wb)
    check_checklist(wb, [n for n in checklists if n in wb.sheetnames], ws, col, checklist_rows)
    check_plan(wb, ws, col, plan_rows)

    # Text that looks like a formula (or a number) is stored as text.
    names = {}
    if "Dataset Name" in col:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col["Dataset Name"], max_col=col["Dataset Name"]):
            if cell.value is not None:
                names.setdefault(str(cell.value), cell)
    for text in text_names:
        cell = names.get(text)
        check(cell is not None and cell.data_type == "s" and cell.value == text,
              f"dataset name {text!r} is stored as text",
              "not found" if cell is None else f"{cell.coordinate}: type {cell.data_type!r}, value {cell.value!r}")


def first_difference(got, want):
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else None
        w = want[i] if i < len(want) else None
        if g != w:
            return f"column {i + 1}: found {g!r}, expected {w!r} ({len(got)} columns in all)"
    return ""


# ------------------------------------------------------------------------------ csv

def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def unguard(value):
    if len(value) >= 2 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def check_csv(path, rows, same_as):
    table = read_csv(path)
    header = table[0] if table else []
    check(header == HEADERS, f"header row is the {len(HEADERS)} headers of workbook.md, in order",
          first_difference(header, HEADERS))
    data = [r for r in table[1:] if any(v.strip() for v in r)]
    check(len(data) == rows, f"{rows} data rows", f"found {len(data)}")
    if same_as:
        other = read_csv(same_as)
        other_data = [r for r in other[1:] if any(v.strip() for v in r)]
        diffs = []
        for i, (a, b) in enumerate(zip(data, other_data)):
            for j in range(max(len(a), len(b))):
                x = a[j] if j < len(a) else ""
                y = unguard(b[j]) if j < len(b) else ""
                if unguard(x) != y:
                    name = HEADERS[j] if j < len(HEADERS) else f"column {j + 1}"
                    diffs.append(f"row {i + 2} {name}: {x!r} vs {y!r}")
        if len(data) != len(other_data):
            diffs.append(f"{len(data)} rows vs {len(other_data)}")
        check(not diffs, f"every cell equals {same_as}", show(diffs, 8))


# ------------------------------------------------------------------------------ png

def png_pixels(path):
    """Returns (width, height, distinct pixel values, share of the commonest value,
    the commonest value)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, color, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    if interlace != 0:
        raise ValueError("interlaced PNG: pixels not counted")
    bits = channels * depth  # bits per pixel
    bpp = max(1, bits // 8)  # the byte distance that the filters use
    stride = (width * bits + 7) // 8
    raw = zlib.decompress(b"".join(idat))
    prev = bytearray(stride)
    counts = {}
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if (pa <= pb and pa <= pc) else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        row = bytes(line)
        if bits >= 8:
            for x in range(0, width * bpp, bpp):
                px = row[x:x + bpp]
                counts[px] = counts.get(px, 0) + 1
        else:
            mask = (1 << bits) - 1
            for x in range(width):
                bit = x * bits
                px = (row[bit // 8] >> (8 - bits - bit % 8)) & mask
                counts[px] = counts.get(px, 0) + 1
        prev = line
    commonest = max(counts, key=counts.get)
    top = counts[commonest] / (width * height)
    return width, height, len(counts), top, commonest


def check_png(path, size, background=None):
    want_w, want_h = (int(v) for v in size.lower().split("x"))
    try:
        width, height, distinct, top, commonest = png_pixels(path)
    except Exception as e:  # noqa: BLE001 - any failure to read is a failed check
        check(False, f"{path} is a readable PNG", str(e))
        return
    check((width, height) == (want_w, want_h), f"size is {want_w}x{want_h}",
          f"found {width}x{height}")
    check(distinct >= 8 and top < 0.995, "not blank (at least 8 distinct pixel values)",
          f"{distinct} distinct values, the commonest covers {top:.1%}")
    print(f"  info: {distinct} distinct pixel values; the commonest covers {top:.1%}")
    if background:
        # The app saves 8-bit RGBA; any other kind cannot be judged here.
        if not (isinstance(commonest, bytes) and len(commonest) in (3, 4)):
            check(False, f"the background is {background}",
                  "the PNG is not 8-bit RGB or RGBA, so its colours were not read")
            return
        level = sum(commonest[:3]) / 3
        dark = level < 96
        check(dark == (background == "dark"), f"the background is {background}",
              f"the commonest colour is {commonest[:3].hex()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["xlsx", "csv", "png", "pdf"])
    parser.add_argument("file")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--text-name", action="append", default=[])
    parser.add_argument("--checklist-rows", type=int, default=None)
    parser.add_argument("--plan-rows", type=int, default=None)
    parser.add_argument("--same-as")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--background", choices=["dark", "light"], default=None)
    parser.add_argument("--after", default="Checklist Complete")
    parser.add_argument("--until", default="System Name Description")
    parser.add_argument("--header", default="Dataset Name")
    args = parser.parse_args()
    if args.mode == "xlsx":
        check_xlsx(args.file, args.rows, args.text_name, args.checklist_rows, args.plan_rows)
    elif args.mode == "csv":
        check_csv(args.file, args.rows, args.same_as)
    elif args.mode == "pdf":
        check_pdf(args.file, args.after, args.until, args.header)
    else:
        check_png(args.file, args.size, args.background)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
