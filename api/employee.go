package api

import (
	"context"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
)

// employeeSort is a sort key of the employee list; its schema lists
// merit.EmployeeSorts.
type employeeSort string

// Schema implements huma.SchemaProvider.
func (employeeSort) Schema(huma.Registry) *huma.Schema { return enumSchema(merit.EmployeeSorts) }

type employeesInput struct {
	AgencyPath
	Q        string       `query:"q" maxLength:"100" doc:"Part of the name, or the first digits of a NIP"`
	Unit     int64        `query:"unit" doc:"Unit ID: employees of this unit and of every unit below it"`
	Golongan string       `query:"golongan" doc:"Golongan code, e.g. III/a"`
	Jenis    string       `query:"jenis" doc:"Jenis jabatan code"`
	Status   string       `query:"status" doc:"Employment status code: PNS, CPNS, PPPK, PPPK_PW"`
	Sort     employeeSort `query:"sort" default:"name"`
	Desc     bool         `query:"desc" doc:"Sort in descending order"`
	Page     int          `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PerPage  int          `query:"perPage" minimum:"1" maximum:"1000" default:"50"`
}

// employeePage is one page of the employee list.
type employeePage struct {
	Items   []*merit.Employee `json:"items" nullable:"false"`
	Total   int               `json:"total" doc:"How many employees match the filter in all"`
	Page    int               `json:"page"`
	PerPage int               `json:"perPage"`
}

func (h *handlers) listEmployees(ctx context.Context, in *employeesInput) (*output[employeePage], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	f := merit.EmployeeFilter{AgencyID: id, Query: in.Q, UnitID: in.Unit, Golongan: in.Golongan, Jenis: in.Jenis,
		Status: in.Status, Sort: string(in.Sort), Desc: in.Desc, Offset: (in.Page - 1) * in.PerPage, Limit: in.PerPage}
	es, total, err := h.db.FindEmployees(ctx, f)
	if err != nil {
		return nil, err
	}
	if es == nil {
		es = []*merit.Employee{}
	}
	return &output[employeePage]{Body: employeePage{Items: es, Total: total, Page: in.Page, PerPage: in.PerPage}}, nil
}

type employeeInput struct {
	AgencyPath
	Body merit.Employee
}

func (h *handlers) createEmployee(ctx context.Context, in *employeeInput) (*created[*merit.Employee], error) {
	e := &in.Body
	var err error
	if e.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	e.ID = 0
	if err := h.db.CreateEmployee(ctx, e); err != nil {
		return nil, err
	}
	// Read it back for the names of its unit and position.
	if e, err = h.db.FindEmployeeByID(ctx, e.AgencyID, e.ID); err != nil {
		return nil, err
	}
	return &created[*merit.Employee]{Location: employeeURL(in.Agency, e.ID), Body: e}, nil
}

func employeeURL(agency string, id int64) string {
	return prefix + "/agencies/" + agency + "/employees/" + strconv.FormatInt(id, 10)
}

func (h *handlers) getEmployee(ctx context.Context, in *IDPath) (*output[*merit.Employee], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	e, err := h.db.FindEmployeeByID(ctx, id, in.ID)
	if err != nil {
		return nil, err
	}
	return &output[*merit.Employee]{Body: e}, nil
}

type nipInput struct {
	AgencyPath
	NIP string `path:"nip" maxLength:"40" example:"198503102010011001"`
}

func (h *handlers) employeeByNIP(ctx context.Context, in *nipInput) (*output[*merit.Employee], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	e, err := h.db.FindEmployeeByNIP(ctx, id, in.NIP)
	if err != nil {
		return nil, err
	}
	return &output[*merit.Employee]{Body: e}, nil
}

type employeeUpdateInput struct {
	IDPath
	Body merit.Employee
}

func (h *handlers) updateEmployee(ctx context.Context, in *employeeUpdateInput) (*output[*merit.Employee], error) {
	e := &in.Body
	var err error
	if e.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	e.ID = in.ID
	if err := h.db.UpdateEmployee(ctx, e); err != nil {
		return nil, err
	}
	if e, err = h.db.FindEmployeeByID(ctx, e.AgencyID, e.ID); err != nil {
		return nil, err
	}
	return &output[*merit.Employee]{Body: e}, nil
}

func (h *handlers) deleteEmployee(ctx context.Context, in *IDPath) (*struct{}, error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeleteEmployee(ctx, id, in.ID)
}

// historyKind is a kind of history (riwayat); its schema lists
// merit.HistoryKinds.
type historyKind string

// Schema implements huma.SchemaProvider.
func (historyKind) Schema(huma.Registry) *huma.Schema { return enumSchema(merit.HistoryKinds) }

type historyListInput struct {
	IDPath
	Kind historyKind `query:"kind" doc:"Only entries of this kind"`
}

func (h *handlers) listHistory(ctx context.Context, in *historyListInput) (*itemsOutput[*merit.HistoryEntry], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	// An employee that does not exist has no history, rather than an empty one.
	if _, err := h.db.FindEmployeeByID(ctx, id, in.ID); err != nil {
		return nil, err
	}
	return list(h.db.FindHistory(ctx, id, in.ID, string(in.Kind)))
}

type historyInput struct {
	IDPath
	Body merit.HistoryEntry
}

func (h *handlers) createHistory(ctx context.Context, in *historyInput) (*created[*merit.HistoryEntry], error) {
	e := &in.Body
	var err error
	if e.AgencyID, err = agencyID(ctx, in.Agency); err != nil {
		return nil, err
	}
	e.ID, e.EmployeeID = 0, in.ID
	if err := h.db.CreateHistory(ctx, e); err != nil {
		return nil, err
	}
	return &created[*merit.HistoryEntry]{Location: employeeURL(in.Agency, in.ID) + "/history/" + strconv.FormatInt(e.ID, 10), Body: e}, nil
}

// HistoryEntryPath is one entry of an employee's history.
type HistoryEntryPath struct {
	IDPath
	HID int64 `path:"hid" doc:"History entry ID"`
}

type historyUpdateInput struct {
	HistoryEntryPath
	Body merit.HistoryEntry
}

func (h *handlers) updateHistory(ctx context.Context, in *historyUpdateInput) (*output[*merit.HistoryEntry], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	old, err := h.findHistory(ctx, id, in.ID, in.HID)
	if err != nil {
		return nil, err
	}
	e := &in.Body
	e.AgencyID, e.EmployeeID, e.ID, e.Kind, e.CreatedAt = id, in.ID, in.HID, old.Kind, old.CreatedAt
	if err := h.db.UpdateHistory(ctx, e); err != nil {
		return nil, err
	}
	return &output[*merit.HistoryEntry]{Body: e}, nil
}

// findHistory returns one entry of an employee's history.
func (h *handlers) findHistory(ctx context.Context, agencyID, employeeID, id int64) (*merit.HistoryEntry, error) {
	hs, err := h.db.FindHistory(ctx, agencyID, employeeID, "")
	if err != nil {
		return nil, err
	}
	for _, e := range hs {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "api.findHistory", "err.not_found")
}

func (h *handlers) deleteHistory(ctx context.Context, in *HistoryEntryPath) (*struct{}, error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeleteHistory(ctx, id, in.ID, in.HID)
}
