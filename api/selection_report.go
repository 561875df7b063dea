package api

import (
	"bytes"
	"context"
	"fmt"

	"github.com/danielgtaylor/huma/v2"

	"merit/i18n"
	"merit/selection/report"
	"merit/tabular"
)

// reportFormat is a file format of the selection's report; its schema lists
// the formats.
type reportFormat string

// Schema implements huma.SchemaProvider.
func (reportFormat) Schema(huma.Registry) *huma.Schema {
	s := enumSchema([]string{"pdf", "xlsx"})
	s.Default = "pdf"
	return s
}

// reportTypes are the media types of the report's formats.
var reportTypes = map[string]string{
	"pdf":  "application/pdf",
	"xlsx": exportTypes[tabular.XLSX],
}

// registerSelectionReport adds o, the report for the supervisor (BKN) as the
// web UI serves it, with its description and file responses.
func (h *handlers) registerSelectionReport(api huma.API, o huma.Operation) {
	file := &huma.Schema{Type: huma.TypeString, Format: "binary"}
	o.Description = "The selection with its panel, conflicts, candidates, scores, results, decisions and seals, as the web UI's " +
		"report; the language follows the lang query parameter or Accept-Language (Bahasa Indonesia by default)."
	o.Responses = map[string]*huma.Response{"200": {Description: "The report", Content: map[string]*huma.MediaType{
		reportTypes["pdf"]: {Schema: file}, reportTypes["xlsx"]: {Schema: file}}}}
	huma.Register(api, o, h.selectionReport)
}

func (h *handlers) selectionReport(ctx context.Context, in *struct {
	SelectionPath
	Format reportFormat `query:"format"`
}) (*fileOutput, error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	a, err := h.db.FindAgencyByCode(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	// As the web UI: the selection first, so that a panel member of another
	// selection finds nothing (404) before the record asks for selection.read.
	if _, err := h.db.Selection(ctx, id, in.Selection); err != nil {
		return nil, err
	}
	rec, err := h.db.SelectionRecord(ctx, id, in.Selection)
	if err != nil {
		return nil, err
	}
	rep, err := report.New(a.Name, rec, h.db.Now())
	if err != nil {
		return nil, err
	}
	r, _ := request(ctx)
	lang := i18n.FromRequest(r)
	format := string(in.Format)
	var buf bytes.Buffer
	if format == "xlsx" {
		err = rep.XLSX(&buf, lang)
	} else {
		format = "pdf"
		err = rep.PDF(&buf, lang, h.fonts)
	}
	if err != nil {
		return nil, fmt.Errorf("api.selectionReport: %w", err)
	}
	name := fmt.Sprintf("laporan-seleksi-%s-%d.%s", a.Code, in.Selection, format)
	return &fileOutput{ContentType: reportTypes[format], ContentDisposition: attachment(name), Body: buf.Bytes()}, nil
}
