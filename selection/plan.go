package selection

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"merit"
	"merit/performance"
)

// DefaultKinds are the stages of the default plan (regulations.md §5.4).
var DefaultKinds = []StageKind{Administrasi, RekamJejak, Asesmen, Makalah, Wawancara}

// OptionalKinds are the stages an agency may add to the default plan.
var OptionalKinds = []StageKind{Kesehatan, Psikologi, UjiPublik}

// FullWeight is the sum of a plan's weights: 100.00 %.
const FullWeight performance.Hundredths = 100_00

// DefaultWeights are the stage weights of a new plan (docs/decisions.md,
// "Open selection"): administrasi is a pass/fail gate (0), rekam jejak 10,
// asesmen 40, makalah 20, wawancara 30. The optional stages start as gates.
var DefaultWeights = map[StageKind]performance.Hundredths{
	Administrasi: 0, RekamJejak: 10_00, Asesmen: 40_00, Makalah: 20_00, Wawancara: 30_00,
	Kesehatan: 0, Psikologi: 0, UjiPublik: 0,
}

// DefaultCriteria are the scorecards of a new plan, each criterion out of
// 100. Gates (administrasi, kesehatan, psikologi, uji publik) have none: they
// are decided per candidate, not scored. An agency edits them before the
// announcement.
var DefaultCriteria = map[StageKind][]Criterion{
	RekamJejak: {
		{Code: "integritas", Name: "Integritas dan moralitas", Max: 100_00},
		{Code: "kinerja", Name: "Rekam jejak kinerja", Max: 100_00},
	},
	Asesmen: {
		{Code: "manajerial", Name: "Kompetensi manajerial", Max: 100_00},
		{Code: "sosial_kultural", Name: "Kompetensi sosial kultural", Max: 100_00},
		{Code: "teknis", Name: "Kompetensi teknis", Max: 100_00},
	},
	Makalah: {
		{Code: "substansi", Name: "Substansi dan gagasan", Max: 100_00},
		{Code: "sistematika", Name: "Sistematika penulisan", Max: 100_00},
	},
	Wawancara: {
		{Code: "visi", Name: "Visi, misi dan strategi", Max: 100_00},
		{Code: "kepemimpinan", Name: "Kepemimpinan", Max: 100_00},
		{Code: "penguasaan", Name: "Penguasaan bidang tugas", Max: 100_00},
	},
}

// Plan returns a new stage plan: the default stages plus the optional ones
// asked for, in the order of StageKinds, with the default weights and
// scorecards, all planned. Unknown kinds are ignored; Validate reports them.
func Plan(optional ...StageKind) []Stage {
	var plan []Stage
	for _, k := range StageKinds {
		if !slices.Contains(DefaultKinds, k) && !slices.Contains(optional, k) {
			continue
		}
		plan = append(plan, Stage{
			Kind: k, Order: len(plan) + 1, Weight: DefaultWeights[k], Status: StagePlanned,
			Criteria: slices.Clone(DefaultCriteria[k]),
		})
	}
	return plan
}

// New returns a draft selection of the level with the default plan (and the
// optional stages asked for), the default panel rule and the plain mean.
func New(agencyID int64, level Level, title string, optional ...StageKind) Selection {
	return Selection{
		AgencyID: agencyID, Level: level, Title: title, Status: StatusDraft, Aggregation: Mean,
		Stages: Plan(optional...), Panel: DefaultPanelRule,
	}
}

// Validate checks the selection before it is stored: title, level, the
// registration window, the aggregation, at least one post (each once), the
// panel rule, the extras and the stage plan. Field names are the JSON names;
// a stage's fields are "stages.<kind>.<field>".
func (s *Selection) Validate() error {
	var fs merit.Fields
	s.Title = strings.TrimSpace(s.Title)
	s.LegalBasis = strings.TrimSpace(s.LegalBasis)
	if s.Title == "" {
		fs.Add("title", "field.required", "")
	}
	if !s.Level.Valid() {
		fs.Add("level", "field.unknown_ref", string(s.Level))
	}
	if s.Aggregation == "" {
		s.Aggregation = Mean
	}
	if s.Aggregation != Mean && s.Aggregation != TrimmedMean {
		fs.Add("aggregation", "field.unknown_ref", string(s.Aggregation))
	}
	if !s.RegistrationOpen.IsZero() && !s.RegistrationClose.IsZero() && s.RegistrationClose.Before(s.RegistrationOpen) {
		fs.Add("registrationClose", "selection.err.close_before_open", s.RegistrationClose.String(), s.RegistrationOpen.String())
	}
	seen := map[int64]bool{}
	for _, p := range s.Posts {
		if p.PositionID == 0 || seen[p.PositionID] {
			fs.Add("posts", "selection.err.post", fmt.Sprint(p.PositionID))
		}
		seen[p.PositionID] = true
	}
	fs = append(fs, merit.FieldsOf(s.Panel.Validate())...)
	codes := map[string]bool{}
	for _, x := range s.Extras {
		if !validCode(x.Code) || codes[x.Code] || strings.TrimSpace(x.Name) == "" || (x.Slot != "" && !x.Slot.Valid()) {
			fs.Add("extras", "selection.err.extra", x.Code)
		}
		codes[x.Code] = true
	}
	fs = append(fs, planFields(s.Stages)...)
	return fs.Err("selection.Selection.Validate")
}

// planFields checks a stage plan: known kinds, each once, administrasi
// first; orders 1..n in slice order; weights between 0 and 100 that add to
// 100.00; a weighted stage has a scorecard; criteria codes unique with a
// positive maximum; a stage's start not after its end.
func planFields(stages []Stage) merit.Fields {
	var fs merit.Fields
	if len(stages) == 0 || stages[0].Kind != Administrasi {
		fs.Add("stages", "selection.err.admin_first", "")
	}
	var sum performance.Hundredths
	kinds := map[StageKind]bool{}
	for i, st := range stages {
		field := "stages." + string(st.Kind)
		switch {
		case !st.Kind.Valid():
			fs.Add("stages", "field.unknown_ref", string(st.Kind))
			continue
		case kinds[st.Kind]:
			fs.Add("stages", "selection.err.stage_twice", string(st.Kind))
		}
		kinds[st.Kind] = true
		if st.Order != i+1 {
			fs.Add(field+".order", "field.range", fmt.Sprint(st.Order), i+1, i+1)
		}
		if st.Weight < 0 || st.Weight > FullWeight {
			fs.Add(field+".weight", "field.range", st.Weight.String(), "0.00", FullWeight.String())
		}
		sum += st.Weight
		if st.Weight > 0 && !st.Scored() {
			fs.Add(field+".criteria", "selection.err.weight_without_criteria", st.Weight.String())
		}
		if st.Kind == Administrasi && st.Scored() {
			fs.Add(field+".criteria", "selection.err.admin_scored", "")
		}
		codes := map[string]bool{}
		for _, c := range st.Criteria {
			if c.Code == "" || codes[c.Code] || strings.ContainsAny(c.Code, ",\"\r\n") {
				fs.Add(field+".criteria", "selection.err.criterion_code", c.Code, c.Code)
			}
			codes[c.Code] = true
			if c.Max <= 0 {
				fs.Add(field+".criteria", "selection.err.criterion_max", c.Max.String(), c.Max.String(), c.Code)
			}
		}
		if !st.Start.IsZero() && !st.End.IsZero() && st.End.Before(st.Start) {
			fs.Add(field+".end", "selection.err.end_before_start", st.End.String(), st.Start.String())
		}
	}
	if sum != FullWeight {
		fs.Add("stages.weight", "selection.err.weights_sum", sum.String(), FullWeight.String())
	}
	return fs
}

// SetPlan replaces the stage plan after checking it. Once the weights are
// frozen (the selection was announced) a plan whose stages or weights differ
// is a conflict; the timeline and the scorecards may still change while the
// stage is planned.
func (s *Selection) SetPlan(stages []Stage) error {
	const op = "selection.Selection.SetPlan"
	if s.WeightsFrozen && !sameWeights(s.Stages, stages) {
		return merit.Errorf(merit.KindConflict, op, "selection.err.weights_frozen")
	}
	if fs := planFields(stages); len(fs) > 0 {
		return fs.Err(op)
	}
	if s.WeightsFrozen {
		for i, st := range stages {
			if s.Stages[i].Status != StagePlanned && !slices.Equal(s.Stages[i].Criteria, st.Criteria) {
				return merit.Errorf(merit.KindConflict, op, "selection.err.criteria_started")
			}
		}
	}
	s.Stages = stages
	return nil
}

// sameWeights reports whether two plans have the same stages in the same
// order with the same weights.
func sameWeights(a, b []Stage) bool {
	return slices.EqualFunc(a, b, func(x, y Stage) bool { return x.Kind == y.Kind && x.Weight == y.Weight })
}

// Announce makes a draft selection public at the given time: it must be
// valid, name at least one post and a registration window, and its weights
// freeze.
func (s *Selection) Announce(at time.Time) error {
	const op = "selection.Selection.Announce"
	if s.Status != StatusDraft {
		return merit.Errorf(merit.KindConflict, op, "selection.err.not_draft")
	}
	fs := merit.Fields(merit.FieldsOf(s.Validate()))
	if len(s.Posts) == 0 {
		fs.Add("posts", "field.required", "")
	}
	if s.RegistrationOpen.IsZero() {
		fs.Add("registrationOpen", "field.required", "")
	}
	if s.RegistrationClose.IsZero() {
		fs.Add("registrationClose", "field.required", "")
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	s.Status, s.AnnouncedAt, s.WeightsFrozen = StatusAnnounced, at, true
	return nil
}
