package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/performance"
	"merit/selection"
	"merit/sqldb"
)

// selectionRoutes registers the staff and panel pages of open selections:
// the list (a panel member sees the selections he sits on), a selection's
// page (plan, panel, candidates, stages, ranking, the PPK's choice, uji
// publik moderation, and for a member his ethics, conflicts and
// scorecards), a candidate's administrative check and the scorecard.
func (h *handler) selectionRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/seleksi", h.member(h.listSelections))
	mux.Handle("POST /a/{agency}/seleksi", h.member(h.createSelection))
	mux.Handle("GET /a/{agency}/seleksi/{selection}", h.member(h.showSelection))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/rencana", h.member(h.updateSelectionPlan))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/umumkan", h.member(h.announceSelection))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/pansel", h.member(h.addSelectionMember))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/pansel/{member}/hapus", h.member(h.removeSelectionMember))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/etika", h.member(h.acceptSelectionEthics))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/konflik", h.member(h.declareSelectionConflict))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/peserta", h.member(h.registerSelectionCandidate))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/tahap/{stage}", h.member(h.advanceSelectionStage))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/keputusan", h.member(h.decideSelection))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/komentar/{comment}", h.member(h.moderateSelectionComment))
	h.selectionCandidateRoutes(mux)
	h.selectionScoreRoutes(mux)
	h.selectionReportRoutes(mux)
}

// selectionListView is the list of an agency's selections.
type selectionListView struct {
	Selections []*selection.Selection
	Posts      []*sqldb.PositionRow // JPT posts for the create form
	Checked    map[string]bool      // post IDs checked in the form
	CanManage  bool
	Optional   []selection.StageKind
	Base       string
	Errors     []formError
	Form       url.Values
}

// listSelections lists the agency's selections (a panel member's own).
func (h *handler) listSelections(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderSelections(w, r, a, r.URL.Query(), nil) // ?posts=ID checks posts in the create form (from job fit)
}

func (h *handler) renderSelections(w http.ResponseWriter, r *http.Request, a *merit.Agency, form url.Values, formErr error) error {
	ctx := r.Context()
	actor := merit.ActorFrom(ctx)
	if !actor.Can(merit.PermSelectionRead, a.ID) && !actor.Can(merit.PermSelectionScore, a.ID) {
		return authorize(r, merit.PermSelectionRead, a)
	}
	v := selectionListView{CanManage: actor.Can(merit.PermSelectionManage, a.ID), Base: agencyURL(a, "seleksi"), Form: form, Checked: map[string]bool{},
		Optional: []selection.StageKind{selection.Kesehatan, selection.Psikologi, selection.UjiPublik}}
	for _, p := range form["posts"] {
		v.Checked[p] = true
	}
	var err error
	if v.Selections, err = h.db.Selections(ctx, a.ID, sqldb.SelectionFilter{}); err != nil {
		return err
	}
	if v.CanManage {
		if v.Posts, err = h.db.JobFitPosts(ctx, a.ID); err != nil {
			return err
		}
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "selection_list", &page{Agency: a, Nav: "selection", Data: v})
}

// createSelection creates a draft selection with the default plan and the
// optional stages checked.
func (h *handler) createSelection(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	f := r.PostForm
	var optional []selection.StageKind
	for _, k := range f["optional"] {
		optional = append(optional, selection.StageKind(k))
	}
	s := selection.New(a.ID, selection.Level(f.Get("level")), f.Get("title"), optional...)
	s.LegalBasis = f.Get("legalBasis")
	var fs merit.Fields
	s.RegistrationOpen, s.RegistrationClose = formDate(&fs, f, "registrationOpen"), formDate(&fs, f, "registrationClose")
	for _, p := range f["posts"] {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			fs.Add("posts", "field.not_a_number", p)
		}
		s.Posts = append(s.Posts, selection.Post{PositionID: id})
	}
	if len(s.Posts) == 0 {
		fs.Add("posts", "field.required", "")
	}
	if err = fs.Err("web.createSelection"); err == nil {
		err = h.db.CreateSelection(r.Context(), &s)
	}
	if hasFieldErrors(err) {
		return h.renderSelections(w, r, a, f, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "seleksi", s.ID), "ui.flash.selection_saved")
}

// formDate reads an optional date of a form, noting a bad one.
func formDate(fs *merit.Fields, f url.Values, name string) merit.Date {
	d, err := merit.ParseDate(f.Get(name))
	if err != nil {
		fs.Add(name, "field.not_a_date", f.Get(name))
	}
	return d
}

// selectionView is the data of a selection's page.
type selectionView struct {
	S          *selection.Selection
	Panel      *sqldb.Panel
	Candidates []selectionCandidateRow
	Stages     []selectionStageRow
	Rankings   []selectionRanking
	Decisions  map[int64]sqldb.PublicDecision // by post
	Comments   []selection.Comment
	Seals      []sqldb.SealCheck // every seal recomputed, for readers
	Names      map[int64]string  // candidate ID → "RegNo · name"
	Posts      map[int64]string  // post ID → position name
	Member     *selection.Member
	Conflicts  map[int64]string // the member's conflicts: candidate ID → reason
	CanRead    bool
	CanManage  bool
	CanDecide  bool
	Public     string        // the selection's page on the public portal, once announced
	Accounts   []*merit.User // panel accounts (pansel, asesor) an admin may link to a member
	Criteria   []criteriaEditor
	Kinds      []selection.MemberKind
	Roles      []selection.MemberRole
	Base       string
	Errors     []formError
	Form       url.Values
}

// selectionCandidateRow is a candidate in the list.
type selectionCandidateRow struct {
	selection.Candidate
	Post string
	Href string
}

// selectionStageRow is a stage with the step the secretariat may take next
// and, for a scored open stage, the scorecard and the cells still missing.
type selectionStageRow struct {
	selection.Stage
	Next    selection.StageStatus // "" when published
	Missing int
	Score   string // the scorecard page
}

// selectionRanking is one post's ranking with names and the PPK's choice.
type selectionRanking struct {
	Post     string
	PostID   int64
	Rows     []selectionRankRow
	Decision *sqldb.PublicDecision
}

// selectionRankRow is one line of a ranking.
type selectionRankRow struct {
	selection.Ranked
	Name     string
	TopThree bool
}

// selection reads the agency and the selection of the path.
func (h *handler) selection(r *http.Request) (*merit.Agency, *selection.Selection, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "selection")
	if err != nil {
		return nil, nil, err
	}
	s, err := h.db.Selection(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return a, s, nil
}

// showSelection is a selection's page.
func (h *handler) showSelection(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	return h.renderSelection(w, r, a, s, nil, nil)
}

func (h *handler) renderSelection(w http.ResponseWriter, r *http.Request, a *merit.Agency, s *selection.Selection, form url.Values, formErr error) error {
	ctx := r.Context()
	actor := merit.ActorFrom(ctx)
	v := selectionView{S: s, CanRead: actor.Can(merit.PermSelectionRead, a.ID), CanManage: actor.Can(merit.PermSelectionManage, a.ID),
		CanDecide: actor.Can(merit.PermSelectionDecide, a.ID), Base: agencyURL(a, "seleksi", s.ID), Form: form,
		Names: map[int64]string{}, Posts: map[int64]string{}, Conflicts: map[int64]string{}, Decisions: map[int64]sqldb.PublicDecision{},
		Kinds: []selection.MemberKind{selection.Internal, selection.External, selection.Academic},
		Roles: []selection.MemberRole{selection.Ketua, selection.Sekretaris, selection.Anggota}}
	var err error
	if v.Panel, err = h.db.SelectionPanel(ctx, a.ID, s.ID); err != nil {
		return err
	}
	for i, m := range v.Panel.Members {
		if m.UserID != 0 && m.UserID == actor.UserID {
			v.Member = &v.Panel.Members[i]
		}
	}
	for _, c := range v.Panel.Conflicts {
		if v.Member != nil && c.MemberID == v.Member.ID {
			v.Conflicts[c.CandidateID] = c.Reason
		}
	}
	for _, p := range s.Posts {
		v.Posts[p.ID] = p.PositionName
	}
	if v.CanManage && merit.AuthorizeUsers(ctx, a.ID) == nil {
		if v.Accounts, err = panelAccounts(r, h.db, a.ID); err != nil {
			return err
		}
	}
	cands, err := h.db.SelectionCandidates(ctx, a.ID, s.ID)
	if err != nil {
		return err
	}
	for _, c := range cands {
		v.Names[c.ID] = c.RegNo + " · " + c.Name
		v.Candidates = append(v.Candidates, selectionCandidateRow{Candidate: c, Post: v.Posts[c.PostID], Href: agencyURL(a, "seleksi", s.ID, "peserta", c.ID)})
	}
	for _, st := range s.Stages {
		row := selectionStageRow{Stage: st}
		if i := slices.Index(selection.StageStatuses, st.Status); i+1 < len(selection.StageStatuses) {
			row.Next = selection.StageStatuses[i+1]
		}
		if st.Scored() && st.Status != selection.StagePlanned {
			row.Score = agencyURL(a, "seleksi", s.ID, "nilai", st.ID)
			if v.CanRead && st.Status == selection.StageOpen {
				missing, err := h.db.StageProgress(ctx, a.ID, s.ID, st.ID)
				if err != nil {
					return err
				}
				row.Missing = len(missing)
			}
		}
		v.Stages = append(v.Stages, row)
	}
	if s.Status != selection.StatusDraft {
		v.Public = publicBase(a, s.ID)
		ann, err := h.db.PublicSelection(ctx, a.ID, s.ID)
		if err != nil {
			return err
		}
		for _, d := range ann.Decisions {
			v.Decisions[d.PostID] = d
		}
	}
	if v.CanRead {
		if err := h.selectionRankings(r, &v); err != nil {
			return err
		}
		if v.Seals, err = h.db.VerifySelectionSeals(ctx, a.ID, s.ID, 0); err != nil {
			return err
		}
	}
	if v.CanRead || v.Member != nil {
		if v.Comments, err = h.db.SelectionComments(ctx, a.ID, s.ID); err != nil {
			return err
		}
	}
	v.Criteria = criteriaEditors(langOf(r), s, v.CanManage, form, formErr)
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "selection", &page{Agency: a, Nav: "selection", Data: v})
}

// panelAccounts lists the agency's accounts that may sit on a panel
// (pansel, asesor), for the admin who links one to a member.
func panelAccounts(r *http.Request, db *sqldb.DB, agencyID int64) ([]*merit.User, error) {
	users, err := db.FindAgencyUsers(r.Context(), agencyID)
	if err != nil {
		return nil, err
	}
	var out []*merit.User
	for _, u := range users {
		for _, g := range u.Grants {
			if g.Role == merit.RolePanel || g.Role == merit.RoleAssessor {
				out = append(out, u)
				break
			}
		}
	}
	return out, nil
}

// selectionRankings fills the rankings once a weighted stage has results;
// before that (nothing scored yet) there is none to show.
func (h *handler) selectionRankings(r *http.Request, v *selectionView) error {
	published := false
	for _, st := range v.S.Stages {
		published = published || st.Scored() && st.Status == selection.StagePublished
	}
	if !published {
		return nil
	}
	rk, err := h.db.SelectionRankings(r.Context(), v.S.AgencyID, v.S.ID)
	if merit.KindOf(err) == merit.KindConflict || merit.KindOf(err) == merit.KindInvalid {
		return nil
	}
	if err != nil {
		return err
	}
	for _, p := range rk {
		sr := selectionRanking{Post: v.Posts[p.PostID], PostID: p.PostID}
		if d, ok := v.Decisions[p.PostID]; ok {
			sr.Decision = &d
		}
		for i, row := range p.Rows {
			sr.Rows = append(sr.Rows, selectionRankRow{Ranked: row, Name: v.Names[row.CandidateID], TopThree: i < selection.TopThreeSize})
		}
		v.Rankings = append(v.Rankings, sr)
	}
	return nil
}

// selectionForm reads the selection of the path for a post after checking
// the permission and parsing the form.
func (h *handler) selectionForm(r *http.Request, perm merit.Permission) (*merit.Agency, *selection.Selection, error) {
	if err := r.ParseForm(); err != nil {
		return nil, nil, badForm(err)
	}
	a, s, err := h.selection(r)
	if err != nil {
		return nil, nil, err
	}
	if perm != "" {
		if err := authorize(r, perm, a); err != nil {
			return nil, nil, err
		}
	}
	return a, s, nil
}

// selectionDone answers a post on a selection's page: the page again with
// the refusal (a field error or a broken rule of the flow), or a redirect
// back with a message.
func (h *handler) selectionDone(w http.ResponseWriter, r *http.Request, a *merit.Agency, s *selection.Selection, err error, flashKey string) error {
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindConflict {
		fresh, ferr := h.db.Selection(r.Context(), a.ID, s.ID)
		if ferr != nil {
			return ferr
		}
		return h.renderSelection(w, r, a, fresh, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "seleksi", s.ID), flashKey)
}

// updateSelectionPlan changes the title, legal basis and registration
// window, the stages' dates, while draft their weights, and the scorecards
// of the stages not yet started. "addRow" (a stage kind) saves nothing: the
// page comes back as typed with one more blank row in that scorecard.
func (h *handler) updateSelectionPlan(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	var fs merit.Fields
	f := r.PostForm
	if _, ok := f["title"]; ok {
		s.Title, s.LegalBasis = f.Get("title"), f.Get("legalBasis")
		s.RegistrationOpen, s.RegistrationClose = formDate(&fs, f, "registrationOpen"), formDate(&fs, f, "registrationClose")
	}
	for i := range s.Stages {
		st := &s.Stages[i]
		k := string(st.Kind)
		if f := r.PostForm.Get("weight." + k); f != "" {
			st.Weight = performance.Hundredths(parsePercent(&fs, r.PostForm, "weight."+k))
		}
		st.Start, st.End = formDate(&fs, r.PostForm, "start."+k), formDate(&fs, r.PostForm, "end."+k)
		if rows, ok := postedCriteria(f, st.Kind); ok {
			st.Criteria = formCriteria(&fs, st.Kind, rows)
		}
	}
	if f.Get("addRow") != "" {
		return h.renderSelection(w, r, a, s, f, fs.Err("web.updateSelectionPlan"))
	}
	if err = fs.Err("web.updateSelectionPlan"); err == nil {
		err = h.db.UpdateSelection(r.Context(), s)
	}
	return h.selectionDone(w, r, a, s, err, "ui.flash.selection_saved")
}

// announceSelection announces a draft selection: it becomes public and its
// weights freeze.
func (h *handler) announceSelection(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	_, err = h.db.AnnounceSelection(r.Context(), a.ID, s.ID)
	return h.selectionDone(w, r, a, s, err, "ui.flash.selection_announced")
}

// addSelectionMember adds a panel member, linked to his sign-in when an
// admin chose one.
func (h *handler) addSelectionMember(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	f := r.PostForm
	m := &selection.Member{SelectionID: s.ID, Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"), Kind: selection.MemberKind(f.Get("kind")),
		Role: selection.MemberRole(f.Get("role")), Affiliation: f.Get("affiliation")}
	m.UserID, _ = strconv.ParseInt(f.Get("userId"), 10, 64) // "" or no account: the member does not sign in
	return h.selectionDone(w, r, a, s, h.db.AddSelectionMember(r.Context(), a.ID, m), "ui.flash.selection_saved")
}

// removeSelectionMember takes a member off the panel.
func (h *handler) removeSelectionMember(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	id, err := pathID(r, "member")
	if err != nil {
		return err
	}
	return h.selectionDone(w, r, a, s, h.db.RemoveSelectionMember(r.Context(), a.ID, s.ID, id), "ui.flash.selection_saved")
}

// acceptSelectionEthics records the signed-in member's acceptance of the
// code of ethics, or (memberId) the secretariat's record of a member's
// signed statement; the store decides who may.
func (h *handler) acceptSelectionEthics(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, "")
	if err != nil {
		return err
	}
	member, _ := strconv.ParseInt(r.PostForm.Get("memberId"), 10, 64)
	_, err = h.db.AcceptSelectionEthics(r.Context(), a.ID, s.ID, member)
	return h.selectionDone(w, r, a, s, err, "ui.flash.ethics_accepted")
}

// declareSelectionConflict records the signed-in member's conflict of
// interest with a candidate.
func (h *handler) declareSelectionConflict(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionScore)
	if err != nil {
		return err
	}
	c := &selection.Conflict{SelectionID: s.ID, Reason: r.PostForm.Get("reason")}
	c.CandidateID, _ = strconv.ParseInt(r.PostForm.Get("candidateId"), 10, 64)
	return h.selectionDone(w, r, a, s, h.db.DeclareSelectionConflict(r.Context(), a.ID, c), "ui.flash.conflict_declared")
}

// registerSelectionCandidate registers an employee of the agency by NIP.
func (h *handler) registerSelectionCandidate(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	post, _ := strconv.ParseInt(r.PostForm.Get("postId"), 10, 64)
	_, err = h.db.RegisterInternalCandidate(r.Context(), a.ID, s.ID, post, strings.TrimSpace(r.PostForm.Get("nip")))
	return h.selectionDone(w, r, a, s, err, "ui.flash.candidate_registered")
}

// advanceSelectionStage moves a stage one step (open, close, publish); a
// scored stage is published with its seal.
func (h *handler) advanceSelectionStage(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	id, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	to := selection.StageStatus(r.PostForm.Get("to"))
	var st *selection.Stage
	for i := range s.Stages {
		if s.Stages[i].ID == id {
			st = &s.Stages[i]
		}
	}
	switch {
	case st == nil:
		return merit.Errorf(merit.KindNotFound, "web.advanceSelectionStage", "err.not_found")
	case to == selection.StagePublished && st.Scored():
		_, _, err = h.db.PublishSelectionStage(r.Context(), a.ID, s.ID, id)
	default:
		_, err = h.db.AdvanceSelectionStage(r.Context(), a.ID, s.ID, id, to)
	}
	return h.selectionDone(w, r, a, s, err, "ui.flash.stage_moved")
}

// decideSelection records the PPK's choice of one of a post's top three.
func (h *handler) decideSelection(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionDecide)
	if err != nil {
		return err
	}
	d := &selection.Decision{SelectionID: s.ID, Reason: r.PostForm.Get("reason")}
	d.PostID, _ = strconv.ParseInt(r.PostForm.Get("postId"), 10, 64)
	d.CandidateID, _ = strconv.ParseInt(r.PostForm.Get("candidateId"), 10, 64)
	return h.selectionDone(w, r, a, s, h.db.DecideSelection(r.Context(), a.ID, d), "ui.flash.selection_decided")
}

// moderateSelectionComment approves or rejects a public comment.
func (h *handler) moderateSelectionComment(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selectionForm(r, merit.PermSelectionManage)
	if err != nil {
		return err
	}
	id, err := pathID(r, "comment")
	if err != nil {
		return err
	}
	_, err = h.db.ModerateSelectionComment(r.Context(), a.ID, s.ID, id, selection.CommentStatus(r.PostForm.Get("status")))
	return h.selectionDone(w, r, a, s, err, "ui.flash.comment_moderated")
}

// maxCriteriaRows bounds the rows of one scorecard read from a form.
const maxCriteriaRows = 100

// criteriaEditor is one stage's scorecard on the plan form: its rows as
// stored or as typed, the messages about the scorecard as a whole, and
// whether it may change (a started stage's scorecard is frozen, and only
// the secretariat edits).
type criteriaEditor struct {
	Kind     selection.StageKind
	Weight   performance.Hundredths
	Rows     []criterionRow
	Errors   []string
	Editable bool
	Frozen   bool // the stage has started
}

// Field is the field path of the scorecard ("stages.<kind>.criteria"), the
// prefix of its inputs' names.
func (e criteriaEditor) Field() string { return criteriaField(e.Kind) }

// Open reports whether the scorecard shows unfolded: it has criteria, a
// weight or a message.
func (e criteriaEditor) Open() bool {
	if e.Weight > 0 || len(e.Errors) > 0 {
		return true
	}
	for _, r := range e.Rows {
		if !r.Blank() || r.CodeError != "" || r.MaxError != "" {
			return true
		}
	}
	return false
}

// criterionRow is one line of a scorecard on the form, as text, with the
// messages at its inputs.
type criterionRow struct {
	No                  int    // 1-based, for the inputs' labels
	Path                string // the row's field path, "stages.<kind>.criteria.<row>"
	Code, Name, Max     string
	Remove              bool
	CodeError, MaxError string
}

// Blank reports whether nothing was typed in the row (it is ignored, and
// shows no remove box).
func (r criterionRow) Blank() bool { return r.Code == "" && r.Name == "" && r.Max == "" }

// criteriaField is the domain's field path of a stage's scorecard; the
// form's inputs are named "<path>.rows" (how many rows the form showed) and
// "<path>.<row>.code", ".name", ".max", ".remove".
func criteriaField(k selection.StageKind) string { return "stages." + string(k) + ".criteria" }

// postedCriteria reads a stage's scorecard rows from the form; false when
// the form did not carry that scorecard (a started stage's inputs are
// disabled, so it keeps its criteria).
func postedCriteria(f url.Values, k selection.StageKind) ([]criterionRow, bool) {
	field := criteriaField(k)
	n, err := strconv.Atoi(f.Get(field + ".rows"))
	if err != nil {
		return nil, false
	}
	rows := make([]criterionRow, min(max(n, 0), maxCriteriaRows))
	for i := range rows {
		p := field + "." + strconv.Itoa(i) + "."
		rows[i] = criterionRow{Code: strings.TrimSpace(f.Get(p + "code")), Name: strings.TrimSpace(f.Get(p + "name")),
			Max: strings.TrimSpace(f.Get(p + "max")), Remove: f.Get(p+"remove") != ""}
	}
	return rows, true
}

// formCriteria turns the rows kept (not removed, not blank) into criteria,
// noting a maximum that is missing or no number at its row's field
// ("stages.<kind>.criteria.<row>.max"); the domain checks the rest.
func formCriteria(fs *merit.Fields, k selection.StageKind, rows []criterionRow) []selection.Criterion {
	var out []selection.Criterion
	f := url.Values{}
	for i, r := range rows {
		if r.Remove || r.Blank() {
			continue
		}
		c := selection.Criterion{Code: r.Code, Name: r.Name}
		name := criteriaField(k) + "." + strconv.Itoa(i) + ".max"
		if r.Max == "" {
			fs.Add(name, "field.required", "")
		} else {
			f.Set(name, r.Max)
			c.Max = performance.Hundredths(parsePercent(fs, f, name))
		}
		out = append(out, c)
	}
	return out
}

// criteriaEditors builds the scorecards of the plan form, every stage but
// administrasi (a gate that is never scored): the rows as typed when the
// form came back, else as stored, with one blank row to add a criterion
// (two for the stage whose "add row" was pressed). The domain's messages
// on "stages.<kind>.criteria" go to the rows whose code they name; the
// others stay with the scorecard.
func criteriaEditors(lang string, s *selection.Selection, canManage bool, form url.Values, formErr error) []criteriaEditor {
	var out []criteriaEditor
	for _, st := range s.Stages {
		if st.Kind == selection.Administrasi {
			continue
		}
		e := criteriaEditor{Kind: st.Kind, Weight: st.Weight, Editable: canManage && st.Status == selection.StagePlanned,
			Frozen: st.Status != selection.StagePlanned}
		rows, posted := postedCriteria(form, st.Kind)
		if !posted || !e.Editable {
			rows = nil
			for _, c := range st.Criteria {
				rows = append(rows, criterionRow{Code: c.Code, Name: c.Name, Max: c.Max.String()})
			}
		}
		for len(rows) > 0 && rows[len(rows)-1].Blank() {
			rows = rows[:len(rows)-1]
		}
		if e.Editable {
			rows = append(rows, criterionRow{})
			if form.Get("addRow") == string(st.Kind) {
				rows = append(rows, criterionRow{})
			}
		}
		for i := range rows {
			rows[i].No, rows[i].Path = i+1, criteriaField(st.Kind)+"."+strconv.Itoa(i)
		}
		e.Rows = rows
		for _, fe := range merit.FieldsOf(formErr) {
			if fe.Field == criteriaField(st.Kind) || strings.HasPrefix(fe.Field, criteriaField(st.Kind)+".") {
				e.place(fe, i18n.Field(lang, fe))
			}
		}
		out = append(out, e)
	}
	return out
}

// place puts a message about the scorecard at the input it is about: a
// row's own field ("….<row>.max"), the rows with the code a code or maximum
// rule names, or else the scorecard as a whole.
func (e *criteriaEditor) place(fe merit.FieldError, msg string) {
	rest := strings.TrimPrefix(fe.Field, criteriaField(e.Kind))
	if i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "."), ".max")); err == nil && i >= 0 && i < len(e.Rows) {
		e.Rows[i].MaxError = msg
		return
	}
	placed := false
	for i := range e.Rows {
		r := &e.Rows[i]
		if r.Remove || r.Blank() {
			continue
		}
		switch {
		case fe.Code == "selection.err.criterion_code" && r.Code == fe.Value:
			r.CodeError, placed = msg, true
		case fe.Code == "selection.err.criterion_max" && len(fe.Args) == 2 && r.Code == fmt.Sprint(fe.Args[1]):
			r.MaxError, placed = msg, true
		}
	}
	if !placed {
		e.Errors = append(e.Errors, msg)
	}
}
