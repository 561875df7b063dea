package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/selection"
	"merit/sqldb"
)

// Keeping a job-fit run needs selection.manage, checked before the body is
// read.
func init() { writePermissions["run-jobfit"] = merit.PermSelectionManage }

// registerJobFit adds job fit (uji kompetensi for rotating JPT holders,
// regulations.md §5.7): the JPT posts it may target, a computation without
// storing, and the kept runs.
func (h *handlers) registerJobFit(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const (
		base = "/agencies/{agency}/jobfit"
		tag  = "jobfit"
	)
	get, post := http.MethodGet, http.MethodPost
	huma.Register(api, op("list-jobfit-posts", get, base+"/posts", tag, "The agency's JPT posts a job-fit run may target, with their incumbents counted", 0, 401, 403, 404), h.jobFitPosts)
	compute := op("compute-jobfit", get, base, tag, "Compute job fit for JPT posts on a date without keeping it", 0, 401, 403, 404, 422)
	compute.Description = "Every JPT holder of the agency is judged against each post: same jenis jabatan, two to five years in post " +
		"(both anniversaries included) on the date, JPM memenuhi syarat against the post's standard. One person is recommended per post, " +
		"best JPM first (ties: longer in post, then NIP); a post nobody fits goes to open selection (openSelection)."
	huma.Register(api, compute, h.computeJobFit)
	huma.Register(api, op("run-jobfit", post, base+"/runs", tag, "Compute job fit and keep the run (audited)", http.StatusCreated, 401, 403, 404, 422), h.runJobFit)
	huma.Register(api, op("list-jobfit-runs", get, base+"/runs", tag, "The kept job-fit runs, newest first, without their results", 0, 401, 403, 404), h.listJobFitRuns)
	huma.Register(api, op("get-jobfit-run", get, base+"/runs/{run}", tag, "One kept job-fit run with its result as it was computed", 0, 401, 403, 404), h.getJobFitRun)
}

func (h *handlers) jobFitPosts(ctx context.Context, in *AgencyPath) (*itemsOutput[*sqldb.PositionRow], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.JobFitPosts(ctx, id))
}

// jobFitDate reads the date a run counts tenure to: today when empty.
func jobFitDate(s string) (merit.Date, error) {
	if s == "" {
		return merit.Today(), nil
	}
	d, err := merit.ParseDate(s)
	if err != nil {
		var fs merit.Fields
		fs.Add("on", "field.not_a_date", s)
		return d, fs.Err("api.jobFitDate")
	}
	return d, nil
}

func (h *handlers) computeJobFit(ctx context.Context, in *struct {
	AgencyPath
	Posts []int64 `query:"posts" maxItems:"200" doc:"IDs of the target JPT posts"`
	On    string  `query:"on" maxLength:"10" doc:"Date tenure is counted to (YYYY-MM-DD); today when empty"`
}) (*output[*selection.JobFitResult], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	on, err := jobFitDate(in.On)
	if err != nil {
		return nil, err
	}
	res, err := h.db.JobFit(ctx, id, in.Posts, on)
	if err != nil {
		return nil, err
	}
	return &output[*selection.JobFitResult]{Body: res}, nil
}

func (h *handlers) runJobFit(ctx context.Context, in *struct {
	AgencyPath
	Body struct {
		Posts []int64 `json:"posts" maxItems:"200" doc:"IDs of the target JPT posts"`
		On    string  `json:"on,omitempty" maxLength:"10" doc:"Date tenure is counted to (YYYY-MM-DD); today when empty"`
		Note  string  `json:"note,omitempty" maxLength:"500" doc:"What the run is for"`
	}
}) (*created[*sqldb.JobFitRun], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	on, err := jobFitDate(in.Body.On)
	if err != nil {
		return nil, err
	}
	run, err := h.db.RunJobFit(ctx, id, in.Body.Posts, on, in.Body.Note)
	if err != nil {
		return nil, err
	}
	return &created[*sqldb.JobFitRun]{Location: fmt.Sprintf("%s/agencies/%s/jobfit/runs/%d", prefix, in.Agency, run.ID), Body: run}, nil
}

func (h *handlers) listJobFitRuns(ctx context.Context, in *AgencyPath) (*itemsOutput[*sqldb.JobFitRun], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindJobFitRuns(ctx, id))
}

func (h *handlers) getJobFitRun(ctx context.Context, in *struct {
	AgencyPath
	Run string `path:"run" maxLength:"20" doc:"Run ID"`
}) (*output[*sqldb.JobFitRun], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	runID, err := pathNumber(in.Run)
	if err != nil {
		return nil, err
	}
	run, err := h.db.FindJobFitRun(ctx, id, runID)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.JobFitRun]{Body: run}, nil
}
