"""The benchmark harness runs and reports (how fast is for benchmarks/RESULTS.md, not here)."""

from __future__ import annotations

from benchmarks.__main__ import main


def test_quick_benchmark_run_writes_its_table(tmp_path) -> None:
    out = tmp_path / "RESULTS.md"
    assert main(["--quick", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "| one chart to PNG, export process warm | 2 |" in report
    assert "| briefing pack of 2 charts (PDF + PPTX + PNGs), warm | 1 |" in report
    assert "| 1 plain fig.write_image calls, total | 1 |" in report
