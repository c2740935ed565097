"""The view as a paper: PDF reports of the main page, the comparison and the area profile.

:func:`render_link` turns a view's link into a PDF; :mod:`areaindex.views.report.content`
says what each report contains, :mod:`areaindex.views.report.document` how it is laid
out (WeasyPrint) and :mod:`areaindex.views.report.staticmap` draws its maps.
"""

from areaindex.views.report.content import ReportError, ReportInput, build_report
from areaindex.views.report.render import render_in_worker, render_link

__all__ = ["ReportError", "ReportInput", "build_report", "render_in_worker", "render_link"]
