package selection

import (
	"cmp"
	"slices"

	"merit"
	"merit/competency"
)

// Job fit (uji kompetensi, regulations.md §5.7, PP 11/2017 Ps. 131) fills a
// JPT post by rotating an official who already holds a JPT post: only those
// in the same classification who have held their post at least two and at
// most five years are eligible, each is matched (JPM) against the target
// post's standard, and the result names one person per post, or says the
// post goes to open selection when nobody fits.

// The bounds of the time in post that make a JPT holder eligible for job
// fit, in whole years from the TMT jabatan, both inclusive.
const (
	JobFitMinYears = 2
	JobFitMaxYears = 5
)

// JobFitPost is a target post of a job-fit run with its standard (SKJ).
type JobFitPost struct {
	PositionID int64                    `json:"positionId"`
	Name       string                   `json:"name"`
	UnitName   string                   `json:"unitName,omitempty"`
	Jenis      string                   `json:"jenis"` // jenis jabatan: the classification compared
	Standard   []competency.Requirement `json:"-"`     // ordered by competency ID
}

// JobFitHolder is a JPT holder considered for rotation: his current post,
// the date he took it (TMT jabatan) and the levels of his current
// assessment (none when never assessed).
type JobFitHolder struct {
	EmployeeID   int64              `json:"employeeId"`
	NIP          string             `json:"nip"`
	Name         string             `json:"name"`
	PositionID   int64              `json:"positionId"`
	PositionName string             `json:"positionName"`
	Jenis        string             `json:"jenis"`
	TMTJabatan   merit.Date         `json:"tmtJabatan"`
	Assessed     bool               `json:"assessed"`
	Levels       []competency.Level `json:"-"` // ordered by competency ID
}

// JobFitReason says why a holder is or is not the recommendation for a post;
// the web shows it through the i18n key "jobfit.reason.<code>".
type JobFitReason string

// The reasons, in the order they are checked. A holder gets the first that
// applies.
const (
	ReasonSamePost       JobFitReason = "same_post"      // he holds this very post
	ReasonClassification JobFitReason = "classification" // his post is of another jenis (e.g. madya for a pratama post)
	ReasonNoTMT          JobFitReason = "no_tmt"         // his TMT jabatan is not recorded
	ReasonTenureShort    JobFitReason = "tenure_short"   // less than two years in post on the run date
	ReasonTenureLong     JobFitReason = "tenure_long"    // more than five years in post on the run date
	ReasonNoStandard     JobFitReason = "no_standard"    // the post has no standard (SKJ) to match against
	ReasonNotAssessed    JobFitReason = "not_assessed"   // no current assessment
	ReasonBelowStandard  JobFitReason = "below_standard" // JPM below memenuhi syarat
	ReasonTaken          JobFitReason = "taken"          // recommended for another post where he ranked first
	ReasonRunnerUp       JobFitReason = "runner_up"      // meets the standard; another ranked before him
	ReasonRecommended    JobFitReason = "recommended"    // the recommendation for this post
)

// JobFitEntry is one holder judged against one post.
type JobFitEntry struct {
	JobFitHolder
	Years    int              `json:"years"`           // whole years in post on the run date
	Eligible bool             `json:"eligible"`        // same classification and 2–5 years in post
	Match    competency.Match `json:"match"`           // JPM against the post's standard (zero when not computed)
	Reason   JobFitReason     `json:"reason"`          // why he is or is not recommended
	Other    int64            `json:"other,omitempty"` // ReasonTaken: the post he is recommended for
}

// JobFitPostResult is the outcome for one post: the recommended holder, or
// open selection when nobody fits, with every holder's entry for the record
// (eligible ones first in rank order, then the others by name).
type JobFitPostResult struct {
	Post          JobFitPost     `json:"post"`
	HasStandard   bool           `json:"hasStandard"`
	Recommended   *JobFitEntry   `json:"recommended,omitempty"`
	OpenSelection bool           `json:"openSelection"` // nobody fits: fill the post by seleksi terbuka
	Entries       []*JobFitEntry `json:"entries"`
}

// JobFitResult is the outcome of a job-fit run for all its posts.
type JobFitResult struct {
	On          merit.Date          `json:"on"`          // the date tenure is counted to
	RuleVersion int                 `json:"ruleVersion"` // the JPM rule used
	Posts       []*JobFitPostResult `json:"posts"`
}

// JobFitInput is what JobFit decides on.
type JobFitInput struct {
	On      merit.Date      // tenure is counted to this date (the run date or the planned rotation)
	Rule    competency.Rule // the agency's JPM rule
	Posts   []*JobFitPost
	Holders []*JobFitHolder // every JPT holder of the agency
}

// JobFitWindow returns the first and the last date a holder whose TMT
// jabatan is tmt may be rotated by job fit: the second and the fifth
// anniversary of his TMT, both included (an anniversary that does not
// exist, 29 February, falls on 1 March).
func JobFitWindow(tmt merit.Date) (from, until merit.Date) {
	return anniversary(tmt, JobFitMinYears), anniversary(tmt, JobFitMaxYears)
}

func anniversary(d merit.Date, years int) merit.Date {
	return merit.DateOf(d.Time().AddDate(years, 0, 0))
}

// JobFit judges every holder against every post and recommends at most one
// person per post, each person for at most one post. Among the eligible
// holders whose JPM is memenuhi syarat (MS) under the rule, pairs (post,
// holder) are taken best first: higher JPM percentage, then the longer time
// in the current post (earlier TMT jabatan: the one more due for rotation),
// then NIP, then the post's order in the run; a pair is recommended when
// neither its post nor its holder is taken yet. A post with no
// recommendation, or without a standard to match against, goes to open
// selection. It is pure: the same input gives the same result.
func JobFit(in JobFitInput) *JobFitResult {
	res := &JobFitResult{On: in.On, RuleVersion: in.Rule.Version}
	type pair struct {
		post  int
		entry *JobFitEntry
	}
	var fits []pair
	for pi, p := range in.Posts {
		pr := &JobFitPostResult{Post: *p, HasStandard: len(p.Standard) > 0, Entries: []*JobFitEntry{}}
		for _, h := range in.Holders {
			e := judge(in, p, h)
			pr.Entries = append(pr.Entries, e)
			if e.Reason == ReasonRunnerUp {
				fits = append(fits, pair{pi, e})
			}
		}
		res.Posts = append(res.Posts, pr)
	}
	slices.SortStableFunc(fits, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.entry.Match.Percent, a.entry.Match.Percent), compareTenure(a.entry, b.entry), cmp.Compare(a.post, b.post))
	})
	taken := map[int64]int64{} // employee → post recommended for
	for _, f := range fits {
		pr := res.Posts[f.post]
		if _, ok := taken[f.entry.EmployeeID]; ok || pr.Recommended != nil {
			continue
		}
		pr.Recommended, f.entry.Reason = f.entry, ReasonRecommended
		taken[f.entry.EmployeeID] = pr.Post.PositionID
	}
	for _, pr := range res.Posts {
		for _, e := range pr.Entries {
			if other, ok := taken[e.EmployeeID]; ok && e.Reason == ReasonRunnerUp && other != pr.Post.PositionID {
				e.Reason, e.Other = ReasonTaken, other
			}
		}
		pr.OpenSelection = pr.Recommended == nil
		slices.SortStableFunc(pr.Entries, func(a, b *JobFitEntry) int {
			if a.Eligible != b.Eligible {
				if a.Eligible {
					return -1
				}
				return 1
			}
			if a.Eligible {
				return cmp.Or(cmp.Compare(b.Match.Percent, a.Match.Percent), compareTenure(a, b))
			}
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.NIP, b.NIP))
		})
	}
	return res
}

// compareTenure orders the longer in post first, then by NIP.
func compareTenure(a, b *JobFitEntry) int {
	return cmp.Or(cmp.Compare(a.TMTJabatan.String(), b.TMTJabatan.String()), cmp.Compare(a.NIP, b.NIP))
}

// judge gives one holder's entry against one post.
func judge(in JobFitInput, p *JobFitPost, h *JobFitHolder) *JobFitEntry {
	e := &JobFitEntry{JobFitHolder: *h}
	e.Levels = nil
	from, until := JobFitWindow(h.TMTJabatan)
	if !h.TMTJabatan.IsZero() {
		e.Years = h.TMTJabatan.AgeOn(in.On)
	}
	switch {
	case h.PositionID == p.PositionID:
		e.Reason = ReasonSamePost
	case h.Jenis != p.Jenis:
		e.Reason = ReasonClassification
	case h.TMTJabatan.IsZero():
		e.Reason = ReasonNoTMT
	case in.On.Before(from):
		e.Reason = ReasonTenureShort
	case in.On.After(until):
		e.Reason = ReasonTenureLong
	}
	if e.Reason != "" {
		return e
	}
	e.Eligible = true
	if len(p.Standard) > 0 && h.Assessed {
		e.Match = in.Rule.Match(competency.Align(p.Standard, h.Levels))
	}
	switch {
	case len(p.Standard) == 0:
		e.Reason = ReasonNoStandard
	case !h.Assessed:
		e.Reason = ReasonNotAssessed
	case e.Match.Category != competency.Memenuhi:
		e.Reason = ReasonBelowStandard
	default:
		e.Reason = ReasonRunnerUp
	}
	return e
}
