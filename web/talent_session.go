package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/talent"
)

// createTalentSession opens a calibration session on the review.
func (h *handler) createTalentSession(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	review, _ := strconv.ParseInt(r.PostForm.Get("review"), 10, 64)
	held, _ := merit.ParseDate(strings.TrimSpace(r.PostForm.Get("heldOn")))
	s := &talent.Session{AgencyID: a.ID, ReviewID: review, Name: r.PostForm.Get("name"), HeldOn: held,
		Participants: strings.Split(strings.ReplaceAll(r.PostForm.Get("participants"), "\r", ""), "\n")}
	err = h.db.CreateTalentSession(r.Context(), s)
	if hasFieldErrors(err) {
		return h.renderTalent(w, r, a, talentQuery{Review: review}, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "talenta", "sesi", s.ID), "ui.flash.talent_session_created")
}

// sessionView is the data of a calibration session's page.
type sessionView struct {
	Session   *talent.Session
	Review    *talent.Review
	Rows      []distRow
	Base      string
	Grid      string
	CanWrite  bool
	CanDecide bool
	Move      moveForm
	Errors    []formError
	Decree    string
}

// distRow is one box of the distribution before and after the session.
type distRow struct {
	Box           int
	Cell          talent.Cell
	Before, After int
	Change        int
}

// moveForm is the form that moves a person: his NIP, the target box and
// the reason.
type moveForm struct {
	Action string
	NIP    string
	Box    string
	Reason string
	Boxes  []option
	Errs   map[string]string
}

func (h *handler) session(r *http.Request) (*merit.Agency, *talent.Session, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "session")
	if err != nil {
		return nil, nil, err
	}
	s, err := h.db.TalentSession(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return a, s, nil
}

// showTalentSession renders a session: participants, the distribution
// before and after, the moves with their reasons, the move form while open
// and the PPK's decision.
func (h *handler) showTalentSession(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.session(r)
	if err != nil {
		return err
	}
	return h.renderSession(w, r, a, s, nil, nil)
}

func (h *handler) renderSession(w http.ResponseWriter, r *http.Request, a *merit.Agency, s *talent.Session, posted url.Values, formErr error) error {
	ctx := r.Context()
	lang := langOf(r)
	rv, err := h.db.TalentReview(ctx, a.ID, s.ReviewID)
	if err != nil {
		return err
	}
	actor := merit.ActorFrom(ctx)
	base := agencyURL(a, "talenta", "sesi", s.ID)
	v := sessionView{Session: s, Review: rv, Base: base, Grid: agencyURL(a, "talenta") + "?review=" + idValue(rv.ID),
		CanWrite: actor.Can(merit.PermTalentWrite, a.ID), CanDecide: actor.Can(merit.PermTalentDecide, a.ID)}
	for box := 9; box >= 1; box-- {
		c, _ := rv.Scheme.Cell(box)
		v.Rows = append(v.Rows, distRow{Box: box, Cell: c, Before: s.Before[box], After: s.After[box], Change: s.After[box] - s.Before[box]})
	}
	v.Move = moveForm{Action: base + "/pindah", NIP: r.URL.Query().Get("nip")}
	for box := 9; box >= 1; box-- {
		c, _ := rv.Scheme.Cell(box)
		v.Move.Boxes = append(v.Move.Boxes, option{Value: strconv.Itoa(box),
			Label: i18n.T(lang, "talent.box_label", box, i18n.T(lang, "talent.perf."+c.Performance.String()), i18n.T(lang, "talent.pot."+c.Potential.String()))})
	}
	status := http.StatusOK
	if formErr != nil {
		status = httpstatus.Of(formErr)
		v.Move.NIP, v.Move.Box, v.Move.Reason = posted.Get("nip"), posted.Get("box"), posted.Get("reason")
		v.Decree = posted.Get("decree")
		v.Move.Errs = formErrors(lang, formErr)
		for name, text := range v.Move.Errs {
			v.Errors = append(v.Errors, formError{Href: "#f-" + name, Text: text})
		}
		if len(v.Errors) == 0 {
			v.Errors = append(v.Errors, formError{Text: i18n.Error(lang, formErr)})
		}
	}
	return h.render(w, r, status, "talent_session", &page{Agency: a, Nav: "talent", Data: v})
}

// moveTalent moves a person (by NIP) to another box for a reason, in the
// open session.
func (h *handler) moveTalent(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.session(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	if err := authorize(r, merit.PermTalentWrite, a); err != nil {
		return err
	}
	m := &talent.Move{Reason: r.PostForm.Get("reason"), To: talent.Cell{Performance: 9, Potential: 9}}
	var fs merit.Fields
	nip := strings.TrimSpace(r.PostForm.Get("nip"))
	if e, err := h.db.FindEmployeeByNIP(r.Context(), a.ID, nip); err == nil {
		m.EmployeeID = e.ID
	} else if merit.KindOf(err) == merit.KindNotFound || merit.KindOf(err) == merit.KindInvalid {
		fs.Add("nip", "talent.err.nip", nip)
	} else {
		return err
	}
	rv, err := h.db.TalentReview(r.Context(), a.ID, s.ReviewID)
	if err != nil {
		return err
	}
	if box, err := strconv.Atoi(r.PostForm.Get("box")); err == nil {
		if c, ok := rv.Scheme.Cell(box); ok {
			m.To = c
		}
	}
	if err = fs.Err("web.moveTalent"); err == nil {
		err = h.db.MoveTalent(r.Context(), a.ID, s.ID, m)
	}
	if hasFieldErrors(err) || merit.KindOf(err) == merit.KindConflict {
		return h.renderSession(w, r, a, s, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "talenta", "sesi", s.ID), "ui.flash.talent_moved", m.FromBox, m.ToBox)
}

// lockTalentSession ends the session, ditetapkan PPK.
func (h *handler) lockTalentSession(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.session(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	err = h.db.LockTalentSession(r.Context(), a.ID, s.ID, r.PostForm.Get("decree"))
	if merit.KindOf(err) == merit.KindConflict {
		return h.renderSession(w, r, a, s, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "talenta", "sesi", s.ID), "ui.flash.talent_session_locked")
}
