package web

import (
	"mime"
	"net/http"
	"strconv"
)

// proposalAttachment sends a proposal's attachment to the employee it is
// about or an operator: always as a download, never rendered inline, and
// never sniffed into another type by the browser.
func (h *handler) proposalAttachment(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "proposal")
	if err != nil {
		return err
	}
	attID, err := pathID(r, "att")
	if err != nil {
		return err
	}
	at, err := h.db.FindAttachment(r.Context(), a.ID, id, attID)
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", at.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": at.Name}))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.FormatInt(at.Size, 10))
	hd.Set("Cache-Control", "no-store")
	_, err = w.Write(at.Data)
	return err
}
