package performance

import (
	"fmt"
	"strings"
	"time"

	"merit"
)

// SKP is one employee's performance rating for one period of a year (one
// row of sqldb's skp table), under the 2022 scheme or as a legacy numeric
// SKP. Validate fills the derived fields (scheme, perilaku, predikat).
type SKP struct {
	AgencyID   int64  `json:"agencyId"`
	ID         int64  `json:"id"`
	EmployeeID int64  `json:"employeeId"`
	Year       int    `json:"year"`
	Period     Period `json:"period"`
	Scheme     Scheme `json:"scheme"` // derived from Year

	// The 2022 scheme. Behaviour may be empty when only the overall
	// perilaku rating is known (SIASN rw-skp22 carries only that); when it
	// is filled, Perilaku is derived from it.
	HasilKerja Rating    `json:"hasilKerja,omitempty"`
	Behaviour  Behaviour `json:"berakhlak"`
	Perilaku   Rating    `json:"perilaku,omitempty"`

	// Legacy numeric SKP (before 2022).
	LegacyScore      Hundredths `json:"legacyScore,omitempty"`
	LegacyInnovation bool       `json:"legacyInnovation,omitempty"`

	Predikat Predikat `json:"predikat"` // derived: matrix (2022) or band (legacy)

	// Angka kredit inputs: months in the JF position during the period, and
	// the jenjang held ("" when not a JF).
	Months  int    `json:"months"`
	Jenjang string `json:"jenjang,omitempty"`

	// The pejabat penilai. RaterID is his record when he is in the agency;
	// RaterOverride says he was chosen instead of the default superior.
	RaterID       int64  `json:"raterId,omitempty"`
	RaterNIP      string `json:"raterNip,omitempty"`
	RaterName     string `json:"raterName,omitempty"`
	RaterOverride bool   `json:"raterOverride,omitempty"`

	Note      string    `json:"note,omitempty"`
	Source    string    `json:"source,omitempty"` // SourceForm, SourceImport or SourceDemo
	RatedBy   string    `json:"ratedBy,omitempty"`
	UpdatedAt time.Time `json:"updatedAt"`

	// Filled on read.
	EmployeeNIP  string `json:"employeeNip,omitempty"`
	EmployeeName string `json:"employeeName,omitempty"`
	UnitID       int64  `json:"unitId,omitempty"`
	UnitName     string `json:"unitName,omitempty"`
}

// Where an SKP came from.
const (
	SourceForm   = "form"
	SourceImport = "import"
	SourceDemo   = "demo"
)

// Validate checks the SKP and fills Scheme, Perilaku (from Behaviour when
// rated) and Predikat. Field errors name the JSON field; codes are i18n keys.
// ref may be nil when the jenjang need not be checked against reference data.
func (s *SKP) Validate(ref *merit.Reference, today merit.Date) error {
	var fs merit.Fields
	s.Note = strings.TrimSpace(s.Note)
	s.RaterNIP = strings.TrimSpace(s.RaterNIP)
	s.RaterName = strings.TrimSpace(s.RaterName)
	if s.Year < 1980 || s.Year > today.Year() {
		fs.Add("year", "field.range", fmt.Sprint(s.Year), 1980, today.Year())
	}
	s.Scheme = SchemeOf(s.Year)
	if s.Period == "" {
		s.Period = Annual
	}
	if !s.Period.Valid() {
		fs.Add("period", "field.unknown_ref", string(s.Period))
	}
	if s.Months == 0 {
		s.Months = s.Period.Months()
	}
	if s.Period.Valid() && (s.Months < 1 || s.Months > s.Period.Months()) {
		fs.Add("months", "field.range", fmt.Sprint(s.Months), 1, s.Period.Months())
	}
	if s.Jenjang != "" && ref != nil {
		if _, ok := ref.JenjangJabatan.Get(s.Jenjang); !ok {
			fs.Add("jenjang", "field.unknown_ref", s.Jenjang)
		}
	}
	switch s.Scheme {
	case Scheme2022:
		s.validate2022(&fs)
	case SchemeLegacy:
		s.validateLegacy(&fs)
	}
	return fs.Err("SKP.Validate")
}

func (s *SKP) validate2022(fs *merit.Fields) {
	s.LegacyScore, s.LegacyInnovation = 0, false
	if !s.HasilKerja.Valid() {
		fs.Add("hasilKerja", ruleFor(s.HasilKerja), string(s.HasilKerja))
	}
	if !s.Behaviour.Empty() {
		for i, r := range s.Behaviour {
			if !r.Valid() {
				fs.Add("berakhlak."+strings.ToLower(string(Values[i])), ruleFor(r), string(r))
			}
		}
		derived := s.Behaviour.Perilaku()
		if derived != "" && s.Perilaku != "" && s.Perilaku != derived {
			fs.Add("perilaku", "skp.perilaku_mismatch", string(s.Perilaku), string(derived))
		}
		s.Perilaku = derived
	} else if !s.Perilaku.Valid() {
		fs.Add("perilaku", ruleFor(s.Perilaku), string(s.Perilaku))
	}
	s.Predikat = Matrix(s.HasilKerja, s.Perilaku)
}

func (s *SKP) validateLegacy(fs *merit.Fields) {
	s.HasilKerja, s.Perilaku, s.Behaviour = "", "", Behaviour{}
	if s.Period != Annual {
		fs.Add("period", "skp.legacy_annual", string(s.Period))
	}
	if s.LegacyScore < 0 || s.LegacyScore > LegacyMax {
		fs.Add("legacyScore", "field.range", s.LegacyScore.String(), 0, LegacyMax.Float())
	}
	s.Predikat = LegacyBand(s.LegacyScore, s.LegacyInnovation)
}

// ruleFor is the message for a missing or unknown rating.
func ruleFor(r Rating) string {
	if r == "" {
		return "field.required"
	}
	return "field.unknown_ref"
}

// ParseRating reads a rating as written in files and forms: the code
// ("DI_ATAS"), its words ("Di atas ekspektasi", "diatas"), or the SIASN
// number 1 (di bawah), 2 (sesuai), 3 (di atas).
func ParseRating(s string) (Rating, bool) {
	k := strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), ""))
	k = strings.TrimSuffix(k, "EKSPEKTASI")
	switch k {
	case "DIATAS", "ATAS", "3", "ABOVE":
		return Above, true
	case "SESUAI", "2", "AS", "ASEXPECTED":
		return AsExp, true
	case "DIBAWAH", "BAWAH", "1", "BELOW":
		return Below, true
	}
	return "", false
}

// ParsePredikat reads a 2022 predikat or legacy band by code or name
// ("Sangat Baik", "Kurang/Misconduct", "butuh perbaikan").
func ParsePredikat(s string) (Predikat, bool) {
	k := strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), ""))
	k = strings.TrimSuffix(k, "/MISCONDUCT")
	switch k {
	case "SANGATBAIK":
		return SangatBaik, true
	case "BAIK":
		return Baik, true
	case "BUTUHPERBAIKAN":
		return ButuhPerbaikan, true
	case "KURANG", "MISCONDUCT":
		return Kurang, true
	case "SANGATKURANG":
		return SangatKurang, true
	case "CUKUP":
		return Cukup, true
	}
	return "", false
}

// AnnualResult is an employee's annual result for a year, as IP ASN, talent
// mapping and the merit score read it: the predikat (2022 scheme) or the
// legacy nilai SKP with its band.
type AnnualResult struct {
	EmployeeID  int64
	Year        int
	Scheme      Scheme
	Predikat    Predikat   // 2022 predikat, or the legacy band
	LegacyScore Hundredths // legacy nilai SKP (0..120.00); 0 for the 2022 scheme
}
