package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"merit/i18n"
)

// XLSX writes the report in lang to w as a workbook of six sheets: the
// selection with its stage plan, the panel, the candidates, the results
// (one block of rows per post, stage scores and totals as numbers), the
// decisions and the seals with the amendments.
func (r *Report) XLSX(w io.Writer, lang string) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	number, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	// sheet writes rows to a new sheet (the first renames Sheet1); the first
	// row is the header, in bold. Cells are strings or float64 numbers.
	first := true
	sheet := func(name string, widths []float64, rows ...[]any) error {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		for i, w := range widths {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(name, col, col, w); err != nil {
				return err
			}
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				return err
			}
			for j, v := range row {
				style := 0
				switch {
				case i == 0:
					style = bold
				case isNumber(v):
					style = number
				}
				if style != 0 {
					c, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if err := f.SetCellStyle(name, c, c, style); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}

	// The selection and its plan.
	rows := [][]any{{t("selection.report.selection"), ""}}
	for _, kv := range r.overview(lang) {
		rows = append(rows, []any{kv[0], kv[1]})
	}
	rows = append(rows, []any{}, []any{"#", t("field.stage"), t("selection.report.weight"), t("selection.report.dates"), t("selection.report.status")})
	for i, cells := range r.planRows(lang) {
		st := r.Selection.Stages[i]
		rows = append(rows, []any{st.Order, cells[1], st.Weight.Float(), cells[3], cells[4]})
	}
	if err := sheet(t("selection.report.sheet_selection"), []float64{28, 60, 14, 28, 16}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}

	rows = [][]any{{t("field.code"), t("field.name"), t("field.kind"), t("field.role"), t("selection.report.affiliation"), t("selection.report.ethics")}}
	for _, cells := range r.panelRows(lang) {
		rows = append(rows, anys(cells))
	}
	if err := sheet(t("selection.report.sheet_panel"), []float64{8, 32, 14, 14, 32, 20}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}

	rows = [][]any{anys(r.candidateHead(lang))}
	for _, cells := range r.candidateRows(lang) {
		rows = append(rows, anys(cells))
	}
	if err := sheet(t("selection.report.sheet_candidates"), []float64{16, 32, 22, 32, 32, 18}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}

	rows = nil
	for _, rk := range r.Rankings {
		head, cells := r.rankingTable(lang, rk)
		if rows == nil {
			rows = append(rows, append([]any{t("selection.report.post")}, anys(head)...))
		}
		for i, row := range rk.Rows {
			out := []any{r.post(rk.PostID), row.Rank, row.RegNo, cells[i][2]}
			for _, st := range r.Stages {
				var v any = ""
				for _, x := range row.Stages {
					if x.StageID == st.ID {
						v = x.Score.Float()
					}
				}
				out = append(out, v)
			}
			rows = append(rows, append(out, row.Total.Float(), cells[i][len(cells[i])-1]))
		}
	}
	if err := sheet(t("selection.report.sheet_results"), []float64{30, 10, 16, 32, 16, 16, 16, 16, 16, 16}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}

	rows = [][]any{{t("selection.report.post"), t("selection.report.reg_no"), t("field.name"), t("field.reason"), t("selection.report.at")}}
	for _, p := range r.Selection.Posts {
		d, ok := r.decision(p.ID)
		if !ok {
			rows = append(rows, []any{p.PositionName, "", "", t("selection.report.no_decision"), ""})
			continue
		}
		c := r.candidate(d.CandidateID)
		rows = append(rows, []any{p.PositionName, c.RegNo, name(c), d.Reason, i18n.DateTime(lang, d.DecidedAt)})
	}
	if err := sheet(t("selection.report.sheet_decisions"), []float64{30, 16, 32, 60, 20}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}

	rows = [][]any{{t("field.stage"), "#", t("selection.report.hash"), t("selection.report.previous"), t("selection.report.at")}}
	for _, cells := range r.sealRows(lang) {
		rows = append(rows, anys(cells))
	}
	if len(r.Amendments) > 0 {
		rows = append(rows, []any{}, []any{t("field.stage"), t("selection.report.at"), t("field.reason"), t("selection.report.before"), t("selection.report.after")})
		for _, cells := range r.amendmentRows(lang) {
			rows = append(rows, anys(cells))
		}
	}
	if err := sheet(t("selection.report.sheet_seals"), []float64{24, 20, 68, 68, 20}, rows...); err != nil {
		return fmt.Errorf("report.XLSX: %w", err)
	}
	_, err = f.WriteTo(w)
	return err
}

func anys(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}

func isNumber(v any) bool {
	_, ok := v.(float64)
	return ok
}
