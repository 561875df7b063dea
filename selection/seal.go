package selection

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"merit"
	"merit/performance"
)

// SheetHeader is the first line of a stage's canonical score file.
const SheetHeader = "selection,stage,previous_seal,candidate,member,criterion,value"

// Line is one score in a stage's canonical file: the candidate's
// registration number, the member's public code, the criterion code and the
// value with two decimals. Nothing else about a person is in the file.
type Line struct {
	Candidate string                 `json:"candidate"`
	Member    string                 `json:"member"`
	Criterion string                 `json:"criterion"`
	Value     performance.Hundredths `json:"value"`
}

// Sheet is a stage's canonical score file: the scores of one stage of one
// selection and the hash of the seal it replaces (empty for the first).
//
// Its bytes (Bytes) are exactly what is published and hashed: UTF-8 CSV
// without a byte-order mark, LF line ends (also after the last line), the
// header SheetHeader, then one line per score sorted by candidate, member
// and criterion (byte order), each line repeating the selection ID, the
// stage kind and the previous seal, the value written with two decimals and
// a point (80.00). `sha256sum file.csv` prints the seal's hash.
type Sheet struct {
	SelectionID int64
	Stage       StageKind
	Previous    string
	Lines       []Line
}

// sortLines puts lines in canonical order.
func sortLines(lines []Line) {
	slices.SortFunc(lines, compareLines)
}

func compareLines(a, b Line) int {
	return cmp.Or(strings.Compare(a.Candidate, b.Candidate), strings.Compare(a.Member, b.Member), strings.Compare(a.Criterion, b.Criterion))
}

// Bytes returns the canonical file of the sheet (its lines sorted first).
func (s *Sheet) Bytes() []byte {
	sortLines(s.Lines)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(strings.Split(SheetHeader, ","))
	id := strconv.FormatInt(s.SelectionID, 10)
	for _, l := range s.Lines {
		_ = w.Write([]string{id, string(s.Stage), s.Previous, l.Candidate, l.Member, l.Criterion, l.Value.String()})
	}
	w.Flush() // writes to a buffer: cannot fail
	return b.Bytes()
}

// Hash returns the hex SHA-256 of b, as sha256sum prints it.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ParseSheet reads a published canonical file strictly: the header, seven
// fields on every line, one selection, stage and previous seal throughout,
// a value with exactly two decimals, lines in canonical order without
// repeats, LF line ends. A file that parses re-encodes to the same bytes,
// so its hash can be trusted to be the hash of what it says. Errors are
// KindInvalid naming the line.
func ParseSheet(b []byte) (Sheet, error) {
	const op = "selection.ParseSheet"
	bad := func(line int, code string, args ...any) (Sheet, error) {
		return Sheet{}, merit.Invalid(op, merit.FieldError{Field: "file", Code: code, Args: append([]any{line}, args...)})
	}
	if bytes.Contains(b, []byte("\r")) || !bytes.HasSuffix(b, []byte("\n")) {
		return bad(0, "selection.err.sheet_line_ends")
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = 7
	r.ReuseRecord = true
	var s Sheet
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return bad(n, "selection.err.sheet_csv")
		}
		if n == 1 {
			if strings.Join(rec, ",") != SheetHeader {
				return bad(n, "selection.err.sheet_header", SheetHeader)
			}
			continue
		}
		id, err := strconv.ParseInt(rec[0], 10, 64)
		if err != nil || strconv.FormatInt(id, 10) != rec[0] || !StageKind(rec[1]).Valid() {
			return bad(n, "selection.err.sheet_stage")
		}
		if n == 2 {
			s.SelectionID, s.Stage, s.Previous = id, StageKind(rec[1]), rec[2]
		} else if id != s.SelectionID || StageKind(rec[1]) != s.Stage || rec[2] != s.Previous {
			return bad(n, "selection.err.sheet_stage")
		}
		v, err := performance.ParseHundredths(rec[6])
		if err != nil || v.String() != rec[6] {
			return bad(n, "selection.err.sheet_value", rec[6])
		}
		l := Line{Candidate: rec[3], Member: rec[4], Criterion: rec[5], Value: v}
		if k := len(s.Lines); k > 0 && compareLines(s.Lines[k-1], l) >= 0 {
			return bad(n, "selection.err.sheet_order")
		}
		s.Lines = append(s.Lines, l)
	}
	if s.Stage == "" {
		return bad(1, "selection.err.sheet_empty")
	}
	if !bytes.Equal(s.Bytes(), b) {
		return bad(0, "selection.err.sheet_not_canonical")
	}
	return s, nil
}

// Sheet returns the canonical file of a stage's stored scores, chained to
// previous (the hash of the seal it will replace, "" for the first).
func (r *Record) Sheet(stageID int64, previous string) (Sheet, error) {
	st, err := r.Stage(stageID)
	if err != nil {
		return Sheet{}, err
	}
	s := Sheet{SelectionID: r.Selection.ID, Stage: st.Kind, Previous: previous}
	for _, sc := range r.StageScores(stageID) {
		c, err := r.Candidate(sc.CandidateID)
		if err != nil {
			return Sheet{}, fmt.Errorf("selection.Record.Sheet: score of candidate %d: %w", sc.CandidateID, err)
		}
		m, err := r.Member(sc.MemberID)
		if err != nil {
			return Sheet{}, fmt.Errorf("selection.Record.Sheet: score of member %d: %w", sc.MemberID, err)
		}
		s.Lines = append(s.Lines, Line{Candidate: c.RegNo, Member: m.Code, Criterion: sc.Criterion, Value: sc.Value})
	}
	sortLines(s.Lines)
	return s, nil
}

// LastSeal returns the stage's latest seal, if it has one.
func (r *Record) LastSeal(stageID int64) (Seal, bool) {
	var last Seal
	for _, s := range r.Seals {
		if s.StageID == stageID && s.Seq > last.Seq {
			last = s
		}
	}
	return last, last.Seq > 0
}

// Seal seals a published stage's stored scores: the canonical file, chained
// to the stage's latest seal if any, and its hash as a new seal (appended
// to the record). The store keeps the file so that the public can download
// exactly these bytes.
func (r *Record) Seal(stageID int64, at time.Time) (Seal, []byte, error) {
	const op = "selection.Record.Seal"
	st, err := r.Stage(stageID)
	if err != nil {
		return Seal{}, nil, err
	}
	if st.Status != StagePublished || !st.Scored() {
		return Seal{}, nil, merit.Errorf(merit.KindConflict, op, "selection.err.not_published")
	}
	last, _ := r.LastSeal(stageID)
	sheet, err := r.Sheet(stageID, last.Hash)
	if err != nil {
		return Seal{}, nil, err
	}
	b := sheet.Bytes()
	seal := Seal{SelectionID: r.Selection.ID, StageID: st.ID, Kind: st.Kind, Seq: last.Seq + 1, Hash: Hash(b), Previous: last.Hash, At: at}
	r.Seals = append(r.Seals, seal)
	return seal, b, nil
}

// VerifySeal recomputes the canonical file of a stage's stored scores and
// compares its hash with the stage's latest seal: a score changed in the
// database without an amendment is a KindConflict (selection.err.seal_mismatch).
func (r *Record) VerifySeal(stageID int64) error {
	const op = "selection.Record.VerifySeal"
	last, ok := r.LastSeal(stageID)
	if !ok {
		return merit.Errorf(merit.KindNotFound, op, "selection.err.not_sealed")
	}
	sheet, err := r.Sheet(stageID, last.Previous)
	if err != nil {
		return err
	}
	if Hash(sheet.Bytes()) != last.Hash {
		return merit.Errorf(merit.KindConflict, op, "selection.err.seal_mismatch")
	}
	return nil
}

// VerifyFile checks a published file against a seal: its hash is the
// seal's, it is a canonical file, and it names the seal's predecessor.
func VerifyFile(seal Seal, file []byte) error {
	const op = "selection.VerifyFile"
	if Hash(file) != seal.Hash {
		return merit.Errorf(merit.KindConflict, op, "selection.err.seal_mismatch")
	}
	s, err := ParseSheet(file)
	if err != nil {
		return err
	}
	if s.Previous != seal.Previous || s.Stage != seal.Kind || s.SelectionID != seal.SelectionID {
		return merit.Errorf(merit.KindConflict, op, "selection.err.seal_mismatch")
	}
	return nil
}

// Amend changes scores of a published stage: each change names an existing
// cell (candidate, member, criterion) and a new value within the
// criterion's range; a reason is required. It applies the changes, records
// an amendment with the changed lines before and after (canonical form,
// without header) and re-seals the stage, chained to the previous seal.
func (r *Record) Amend(stageID int64, changes []Score, reason string, by int64, at time.Time) (Amendment, Seal, []byte, error) {
	const op = "selection.Record.Amend"
	st, err := r.Stage(stageID)
	if err != nil {
		return Amendment{}, Seal{}, nil, err
	}
	if _, ok := r.LastSeal(stageID); !ok || st.Status != StagePublished {
		return Amendment{}, Seal{}, nil, merit.Errorf(merit.KindConflict, op, "selection.err.not_published")
	}
	var fs merit.Fields
	if reason = strings.TrimSpace(reason); reason == "" {
		fs.Add("reason", "field.required", "")
	}
	if len(changes) == 0 {
		fs.Add("scores", "field.required", "")
	}
	index := make([]int, len(changes))
	for i, ch := range changes {
		index[i] = slices.IndexFunc(r.Scores, func(s Score) bool {
			return s.StageID == stageID && s.CandidateID == ch.CandidateID && s.MemberID == ch.MemberID && s.Criterion == ch.Criterion
		})
		if index[i] < 0 {
			fs.Add("scores", "selection.err.no_such_score", ch.Criterion)
			continue
		}
		fs = append(fs, merit.FieldsOf(checkValue(st, ch))...)
	}
	if err := fs.Err(op); err != nil {
		return Amendment{}, Seal{}, nil, err
	}
	before, after := &Sheet{SelectionID: r.Selection.ID, Stage: st.Kind}, &Sheet{SelectionID: r.Selection.ID, Stage: st.Kind}
	for i, ch := range changes {
		old := &r.Scores[index[i]]
		c, _ := r.Candidate(old.CandidateID)
		m, _ := r.Member(old.MemberID)
		before.Lines = append(before.Lines, Line{c.RegNo, m.Code, old.Criterion, old.Value})
		after.Lines = append(after.Lines, Line{c.RegNo, m.Code, old.Criterion, ch.Value})
		old.Value, old.ScoredAt = ch.Value, at
	}
	seal, b, err := r.Seal(stageID, at)
	if err != nil {
		return Amendment{}, Seal{}, nil, err
	}
	a := Amendment{SelectionID: r.Selection.ID, StageID: stageID, Reason: reason, Before: body(before), After: body(after), SealHash: seal.Hash, By: by, At: at}
	r.Amendments = append(r.Amendments, a)
	return a, seal, b, nil
}

// body returns a sheet's canonical lines without the header.
func body(s *Sheet) string {
	_, rest, _ := strings.Cut(string(s.Bytes()), "\n")
	return rest
}
