package demo

import (
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"merit"
)

// Person is one generated employee: the registry record with the names of
// their unit and position (as a SIASN export carries them, so a benchmark can
// write a CSV without a database) and their earlier history.
type Person struct {
	merit.Employee        // UnitID and PositionID are zero; UnitName, PositionName and Jenis are set
	OPD            string // the employee's perangkat daerah: the root unit (unorIndukNama)
	ParentUnit     string // the unit above UnitName; "" when UnitName is the OPD itself
	Jenjang        string // jenjang code of a functional position; "" otherwise
	KelasJabatan   int
	Critical       bool // the position is a critical one (jabatan kritikal)
	// History holds every riwayat entry, oldest first within each kind; the
	// golongan and jabatan histories end with the current golongan and
	// position, as the store expects of a history that is not empty.
	History []merit.HistoryEntry
}

// Employees yields n employees of the default demo agency (a Pemkot modelled
// on Kota Magelang) for the seed, one at a time, without a database: the
// same seed and today give the same people. Managerial posts are filled
// first, then staff drawn by the weights of the OPD catalog; beyond 6,000
// people every post is filled and the staff grows.
func Employees(seed int64, n int, today merit.Date) iter.Seq[*Person] {
	return agencyPeople(seed, 0, n, today)
}

func agencyPeople(seed int64, agency, n int, today merit.Date) iter.Seq[*Person] {
	return func(yield func(*Person) bool) {
		g := newGenerator(seed, agency, n, today)
		for i := 0; i < n; i++ {
			if !yield(g.person(i)) {
				return
			}
		}
	}
}

// generator draws the people of one agency from one random stream.
type generator struct {
	r      *rand.Rand
	plan   *plan
	today  merit.Date
	filled []int    // managerial posts to fill, in draw order
	seq    []uint16 // NIP sequence counters by hash of the NIP's first 15 digits
}

// fullSize is the headcount at which every managerial post is filled.
const fullSize = 6000

func newGenerator(seed int64, agency, n int, today merit.Date) *generator {
	g := &generator{
		r:     rand.New(rand.NewPCG(uint64(seed), uint64(agency))),
		plan:  newPlan(templateFor(agency)),
		today: today,
	}
	k := len(g.plan.posts)
	if n < fullSize {
		k = int(math.Round(float64(k) * float64(n) / fullSize))
	}
	g.filled = g.r.Perm(len(g.plan.posts))[:k]
	// The counters are indexed by a hash, so two prefixes may share one and
	// skip numbers; what matters is that one prefix never repeats a number.
	size := 1 << 12
	for size < 2*n {
		size <<= 1
	}
	g.seq = make([]uint16, size)
	return g
}

func (g *generator) person(i int) *Person {
	if i < len(g.filled) {
		return g.manager(&g.plan.posts[g.filled[i]])
	}
	return g.staff(g.plan.pickSlot(g.r.Float64()))
}

// draft is what is known about a person while they are drawn.
type draft struct {
	opd      *opdPlan
	unit     int
	fam      *family // nil for a manager
	post     *post   // the managerial post, or nil
	female   bool
	religion string
	status   string
	freq     int    // PPPK appointment frequency (NIP digit 14)
	edu      string // highest education
	entryEdu string // education at appointment
	tmt      merit.Date
	birth    merit.Date
	school   []eduStep
	path     []step // PNS golongan path, oldest first
	posts    []held // positions held, oldest first; the last is the current one
	jenjang  string
	kelas    int
	critical bool
}

type eduStep struct {
	level string
	key   string // degree key in degrees; "" for schools
	at    merit.Date
}

type step struct {
	g  int
	at merit.Date
}

type held struct {
	title, jenis, place string
	at                  merit.Date
}

// managerial levels: education, service, golongan range and promotion pace.
type level struct {
	edu        []wt[string]
	minService int
	gMin, gCap int
	bup        int
	femaleRate float64 // multiplies the OPD's share of women
}

var levels = map[string]level{
	"JPT_PRATAMA":   {edu: []wt[string]{{"S2", 80}, {"S3", 10}, {"S1", 10}}, minService: 20, gMin: golIVb, gCap: golIVd, bup: 60, femaleRate: 0.55},
	"ADMINISTRATOR": {edu: []wt[string]{{"S2", 55}, {"S1", 45}}, minService: 14, gMin: golIIIc, gCap: golIVb, bup: 58, femaleRate: 0.8},
	"PENGAWAS":      {edu: []wt[string]{{"S1", 70}, {"S2", 20}, {"D3", 7}, {"D4", 3}}, minService: 8, gMin: golIIIb, gCap: golIVa, bup: 58, femaleRate: 0.95},
}

var (
	paceManager   = []wt[int]{{36, 35}, {48, 50}, {60, 15}}
	paceFunctionl = []wt[int]{{24, 12}, {36, 38}, {48, 50}}
	pacePelaksana = []wt[int]{{48, 72}, {60, 20}, {72, 8}}
)

// manager draws the holder of a managerial post: always a PNS, senior enough
// for the post's golongan, with a career of lower posts behind them.
func (g *generator) manager(po *post) *Person {
	d := &draft{unit: po.unit, post: po, status: "PNS", critical: po.critical, kelas: po.kelas}
	d.opd = &g.plan.opds[g.plan.units[po.unit].opd]
	lv := levels[po.jenis]
	d.female = g.chance(d.opd.female * lv.femaleRate)
	d.religion = pickW(g, religions)
	d.edu = pickW(g, lv.edu)
	for attempt := 0; ; attempt++ {
		years := g.serviceYears(lv.minService, 40)
		d.entryEdu = d.edu
		switch {
		case d.edu == "S2" || d.edu == "S3":
			d.entryEdu = "S1"
		case (d.edu == "S1" || d.edu == "D4") && years >= 15 && g.chance(0.3):
			d.entryEdu = pickW(g, []wt[string]{{"SMA", 70}, {"D3", 30}})
		}
		d.tmt, d.birth = g.appointment(years, d.entryEdu, false)
		if d.birth.AgeOn(g.today) >= lv.bup && attempt < 40 {
			continue
		}
		g.education(d)
		pace := func() int { return pickW(g, paceManager) }
		if attempt >= 10 {
			pace = func() int { return 24 }
		}
		capIdx := lv.gCap
		if eduRank[d.entryEdu] < eduRank["S1"] {
			capIdx = capGolongan[d.entryEdu]
		}
		d.path = g.golonganPath(d.tmt, entryGolongan[d.entryEdu], capIdx, g.jumps(d, lv.gCap), pace)
		if d.path[len(d.path)-1].g >= lv.gMin || attempt >= 40 {
			break
		}
	}
	// The current post: taken within the last six years, once senior enough.
	reached := d.path[len(d.path)-1].at
	for _, s := range d.path {
		if s.g >= lv.gMin {
			reached = s.at
			break
		}
	}
	from := maxDate(reached, maxDate(addMonths(g.today, -72), addMonths(d.tmt, 48)))
	if from.After(g.today) {
		from = maxDate(d.tmt, addMonths(g.today, -6))
	}
	cur := g.dateBetween(from, g.today)
	d.posts = append(d.posts, held{oldTitle(g, eduClass(d.entryEdu), d.tmt), "PELAKSANA", g.plan.units[g.randomStaffUnit()].name, d.tmt})
	var lower []string
	switch po.jenis {
	case "JPT_PRATAMA":
		lower = []string{"PENGAWAS", "ADMINISTRATOR"}
	case "ADMINISTRATOR":
		if g.chance(0.85) {
			lower = []string{"PENGAWAS"}
		}
	case "PENGAWAS":
		if g.chance(0.3) {
			lower = []string{"PELAKSANA"}
		}
	}
	// Earlier posts, latest first, each two to seven years before the next.
	var earlier []held
	next := cur
	for i := len(lower) - 1; i >= 0; i-- {
		at := addMonths(next, -g.between(24, 84))
		if !at.After(addMonths(d.tmt, 12)) {
			break
		}
		at = firstOfMonth(at)
		if lower[i] == "PELAKSANA" {
			earlier = append(earlier, held{oldTitle(g, eduClass(d.eduAt(at)), at), "PELAKSANA", g.plan.units[d.opd.units[0]].name, at})
		} else {
			o := &g.plan.posts[pick(g, g.plan.postsBy[lower[i]])]
			earlier = append(earlier, held{o.name, o.jenis, g.plan.units[o.unit].name, at})
		}
		next = at
	}
	for i := len(earlier) - 1; i >= 0; i-- {
		d.posts = append(d.posts, earlier[i])
	}
	d.posts = append(d.posts, held{po.name, po.jenis, g.plan.units[po.unit].name, cur})
	return g.finish(d)
}

// staff draws a person into a functional or pelaksana slot.
func (g *generator) staff(s *slot) *Person {
	fam := s.fam
	d := &draft{unit: s.unit, fam: fam, status: "PNS"}
	d.opd = &g.plan.opds[g.plan.units[s.unit].opd]
	female := fam.female
	if female == 0 {
		female = d.opd.female
	}
	d.female = g.chance(female)
	d.religion = pickW(g, religions)
	d.edu = pickW(g, fam.edu)
	switch u := g.r.Float64(); {
	case u < fam.pppk:
		d.status = "PPPK"
	case u < fam.pppk+fam.pw:
		d.status = "PPPK_PW"
	}
	if d.status != "PNS" {
		g.pppk(d)
	} else {
		g.pns(d, s)
	}
	return g.finish(d)
}

// pppk draws a PPPK: appointed in the last few years, often after years as
// an honorary worker, at the golongan of their education and the entry level
// of their jabatan.
func (g *generator) pppk(d *draft) {
	fam := d.fam
	d.freq = 1
	if g.chance(0.08) {
		d.freq = 2
	}
	for attempt := 0; ; attempt++ {
		if d.status == "PPPK" {
			first := max(2021, g.today.Year()-4)
			year := g.between(first, g.today.Year())
			maxM := 12
			if year == g.today.Year() {
				maxM = int(g.today.Month())
			}
			d.tmt = merit.NewDate(year, time.Month(1+g.r.IntN(maxM)), 1)
		} else {
			back := 11
			if start := merit.NewDate(2025, 1, 1); !g.today.Before(start) {
				back = min(back, monthsBetween(start, g.today))
			}
			d.tmt = firstOfMonth(addMonths(g.today, -g.between(0, back)))
		}
		age := entryAge(g, d.edu, fam.entry > 0) + g.between(0, 14)
		d.birth = addDays(addYears(d.tmt, -age), -g.r.IntN(365))
		if d.birth.AgeOn(g.today) < fam.bup-1 || attempt > 40 {
			break
		}
	}
	d.entryEdu = d.edu
	g.education(d)
	title, jenis, jenjang, kelas := g.staffPosition(fam, d.edu, -1)
	d.jenjang, d.kelas = jenjang, kelas
	d.posts = []held{{title, jenis, g.plan.units[d.unit].name, d.tmt}}
}

// pns draws a PNS or CPNS into a functional or pelaksana slot.
func (g *generator) pns(d *draft, s *slot) {
	fam := d.fam
	lowerFam := families[fam.lower]
	upgradedFromLower := false
	for attempt := 0; ; attempt++ {
		years := g.serviceYears(0, 40)
		d.entryEdu = d.edu
		upgradedFromLower = false
		switch {
		case fam.ladder == nil && (d.edu == "S1" || d.edu == "D4") && years >= 8 && g.chance(0.35):
			d.entryEdu = pickW(g, []wt[string]{{"SMA", 70}, {"D3", 30}})
		case lowerFam != nil && years >= 10 && g.chance(0.45):
			d.entryEdu, upgradedFromLower = "D3", true
		case d.edu == "S2" && fam.entry == 0 && years >= 4 && g.chance(0.8):
			d.entryEdu = "S1"
		}
		d.tmt, d.birth = g.appointment(years, d.entryEdu, fam.entry > 0)
		if d.birth.AgeOn(g.today) < fam.bup || attempt > 40 {
			break
		}
	}
	g.education(d)
	if m := monthsBetween(d.tmt, g.today); m < 12 || m < 18 && g.chance(0.5) {
		d.status = "CPNS"
	}
	entry := entryGolongan[d.entryEdu]
	if fam.entry > 0 && d.entryEdu == d.edu {
		entry = fam.entry
	}
	famCap := fam.gcap
	if famCap == 0 && fam.ladder != nil {
		famCap = fam.ladder.capOf[fam.maxJ]
	}
	if fam.ladder == keahlian && famCap >= golIVa && !g.chance(fam.madya) {
		famCap = golIIId
	}
	capIdx := famCap
	switch {
	case fam.ladder == nil:
		capIdx, famCap = capGolongan[d.entryEdu], 0
	case upgradedFromLower:
		capIdx = lowerFam.ladder.capOf[lowerFam.maxJ]
	case eduRank[d.entryEdu] < eduRank["S1"] && fam.ladder == keahlian:
		capIdx = capGolongan[d.entryEdu]
	}
	pace := paceFunctionl
	if fam.ladder == nil {
		pace = pacePelaksana
	}
	d.path = g.golonganPath(d.tmt, entry, capIdx, g.jumps(d, famCap), func() int { return pickW(g, pace) })
	last := d.path[len(d.path)-1]
	title, _, jenjang, kelas := g.staffPosition(fam, d.edu, last.g)
	d.jenjang, d.kelas = jenjang, kelas
	here := g.plan.units[d.unit].name
	place := func(stay float64) string {
		switch {
		case g.chance(stay):
			return here
		case g.chance(0.6):
			return g.plan.units[pick(g, s.units)].name
		}
		return g.plan.units[g.randomStaffUnit()].name
	}

	if fam.ladder == nil {
		// Pelaksana: a first post at appointment, perhaps moves, and the
		// current post taken in the last eight years.
		cur := d.tmt
		if d.status == "PNS" {
			cur = g.dateBetween(maxDate(d.tmt, addMonths(g.today, -96)), g.today)
		}
		if cur.After(d.tmt) {
			d.posts = append(d.posts, held{oldTitle(g, eduClass(d.entryEdu), d.tmt), "PELAKSANA", place(0.5), d.tmt})
			if mid := g.dateBetween(addMonths(d.tmt, 24), addMonths(cur, -12)); g.chance(0.5) && mid.After(addMonths(d.tmt, 23)) && mid.Before(cur) {
				d.posts = append(d.posts, held{oldTitle(g, eduClass(d.eduAt(mid)), mid), "PELAKSANA", place(0.5), firstOfMonth(mid)})
			}
		}
		d.posts = append(d.posts, held{title, "PELAKSANA", here, cur})
		return
	}

	// Functional: pelaksana or a keterampilan family before the JF, then one
	// post per jenjang reached.
	jfStart := d.tmt
	if upgradedFromLower {
		jfStart = d.tmt
		for _, e := range d.school {
			if e.level == "S1" || e.level == "D4" {
				jfStart = minDate(g.today, addMonths(e.at, g.between(3, 12)))
			}
		}
		g.ladderPosts(d, lowerFam, d.tmt, jfStart, place)
	} else if !fam.direct && d.status == "PNS" {
		months := monthsBetween(d.tmt, g.today)
		jfStart = firstOfMonth(addMonths(d.tmt, g.r.IntN(int(float64(months)*0.7)+1)))
		for _, e := range d.school {
			if (e.level == "S1" || e.level == "D4") && e.at.After(d.tmt) && fam.ladder == keahlian {
				jfStart = maxDate(jfStart, firstOfMonth(addMonths(e.at, 3)))
			}
		}
		jfStart = minDate(jfStart, g.today)
		if jfStart.After(d.tmt) {
			d.posts = append(d.posts, held{oldTitle(g, eduClass(d.entryEdu), d.tmt), "PELAKSANA", place(0.5), d.tmt})
		}
	}
	g.ladderPosts(d, fam, jfStart, merit.Date{}, place)
	// The current post is the last jenjang reached; its title must match.
	d.posts[len(d.posts)-1].title = title
	d.posts[len(d.posts)-1].place = here
}

// ladderPosts appends the posts of a functional family held from start until
// end (zero: until today), one per jenjang the golongan path reaches.
func (g *generator) ladderPosts(d *draft, fam *family, start, end merit.Date, place func(float64) string) {
	prev := -1
	for i, s := range d.path {
		at := s.at
		if i+1 < len(d.path) && !d.path[i+1].at.After(start) {
			continue // a later step is still before the start
		}
		if at.Before(start) {
			at = start
		}
		if !end.IsZero() && !at.Before(end) {
			break
		}
		j := clamp(fam.ladder.fromGolongan(s.g), fam.minJ, fam.maxJ)
		if j == prev {
			continue
		}
		if prev >= 0 {
			at = minDate(g.today, addMonths(at, g.between(0, 4)))
		}
		if n := len(d.posts); n > 0 && !at.After(d.posts[n-1].at) {
			d.posts = d.posts[:n-1] // same day as the post before: the later one wins
		}
		d.posts = append(d.posts, held{fam.name + " " + fam.ladder.names[j], fam.ladder.jenis, place(0.7), at})
		prev = j
	}
}

// staffPosition names a family's position for an education and golongan
// index (-1: the entry level, for PPPK).
func (g *generator) staffPosition(fam *family, edu string, gol int) (title, jenis, jenjang string, kelas int) {
	if fam.ladder == nil {
		title = currentTitle(g, eduClass(edu))
		return title, "PELAKSANA", "", pelaksanaKelas[title]
	}
	j := fam.minJ
	if gol >= 0 {
		j = clamp(fam.ladder.fromGolongan(gol), fam.minJ, fam.maxJ)
	}
	return fam.name + " " + fam.ladder.names[j], fam.ladder.jenis, fam.ladder.codes[j], fam.ladder.kelas[j]
}

// eduAt is the highest education reached by a date.
func (d *draft) eduAt(at merit.Date) string {
	e := d.school[0].level
	for _, s := range d.school {
		if !s.at.After(at) {
			e = s.level
		}
	}
	return e
}

// jumps turns education gained in service into golongan adjustments
// (penyesuaian ijazah): a new degree lifts the golongan to the degree's entry
// golongan and the cap to famCap (0: the degree's regular cap).
func (g *generator) jumps(d *draft, famCap int) []jump {
	var out []jump
	for _, e := range d.school {
		if !e.at.After(d.tmt) {
			continue
		}
		c := famCap
		if c == 0 {
			c = capGolongan[e.level]
		}
		out = append(out, jump{at: e.at, to: entryGolongan[e.level], cap: c})
	}
	return out
}

type jump struct {
	at      merit.Date
	to, cap int
}

// golonganPath promotes a PNS from the entry golongan at TMT CPNS, every pace()
// months at the next promotion period, up to capIdx; education gained in
// service (jumps) may lift both.
func (g *generator) golonganPath(tmt merit.Date, entry, capIdx int, jumps []jump, pace func() int) []step {
	path := []step{{entry, tmt}}
	cur, t := entry, tmt
	for first := true; ; first = false {
		months := pace()
		if first {
			months += 12
		}
		next := kpPeriod(addMonths(t, months))
		if len(jumps) > 0 && (jumps[0].at.Before(next) || cur >= capIdx) {
			j := jumps[0]
			jumps = jumps[1:]
			at := kpPeriod(maxDate(addMonths(j.at, 6), addMonths(t, 12)))
			if at.After(g.today) {
				continue
			}
			capIdx = max(capIdx, j.cap)
			if j.to > cur {
				cur, t = j.to, at
				path = append(path, step{cur, t})
			}
			continue
		}
		if cur >= capIdx || next.After(g.today) {
			return path
		}
		cur, t = cur+1, next
		path = append(path, step{cur, t})
	}
}

// kpPeriod returns the first promotion period (periode kenaikan pangkat) on
// or after d: 1 April and 1 October until 2020, every even month since 2021.
func kpPeriod(d merit.Date) merit.Date {
	t := firstOfMonth(d)
	if t.Before(d) {
		t = addMonths(t, 1)
	}
	for {
		m := t.Month()
		if t.Year() < 2021 && (m == time.April || m == time.October) || t.Year() >= 2021 && m%2 == 0 {
			return t
		}
		t = addMonths(t, 1)
	}
}

// recruitment weighs how many of today's employees were appointed n years
// ago: the big intakes of the 1990s and the honorary-worker conversions of
// 2005–2009, the moratoria, and the recent CPNS rounds.
var recruitment = [...]float64{3, 3, 1, 2.5, 3, 3, 3.5, 3, 1.5, 0.5, 0.5, 1.5, 1.5, 1.5, 2, 2, 2, 2, 4.5, 4.5, 4.5, 4.5,
	3, 3, 3, 3, 3, 3.5, 3.5, 3.5, 3.5, 3.5, 3, 3, 3, 3, 3, 1, 1, 1, 1}

// serviceYears draws years since TMT CPNS in [lo, hi].
func (g *generator) serviceYears(lo, hi int) int {
	hi = min(hi, len(recruitment)-1)
	total := 0.0
	for y := lo; y <= hi; y++ {
		total += recruitment[y]
	}
	u := g.r.Float64() * total
	for y := lo; y <= hi; y++ {
		if u -= recruitment[y]; u < 0 {
			return y
		}
	}
	return hi
}

// appointment draws a TMT CPNS years ago (the first of a month, not in the
// future) and a birth date that makes the entry age fit the education.
func (g *generator) appointment(years int, entryEdu string, doctor bool) (tmt, birth merit.Date) {
	year := g.today.Year() - years
	maxM := 12
	if year == g.today.Year() {
		maxM = int(g.today.Month())
	}
	tmt = merit.NewDate(year, time.Month(1+g.r.IntN(maxM)), 1)
	age := entryAge(g, entryEdu, doctor)
	if years >= 17 && years <= 22 && g.chance(0.3) {
		age = min(35, age+g.between(2, 8)) // honorary workers appointed after years of service
	}
	return tmt, addDays(addYears(tmt, -age), -g.r.IntN(365))
}

// entryAge draws the age at appointment for an education: 22 to 35.
func entryAge(g *generator, edu string, doctor bool) int {
	base := map[string]int{"S1": 23, "D4": 23, "S2": 26, "S3": 30}[edu]
	if base == 0 {
		base = 22
	}
	if doctor {
		base = 25
	}
	return min(35, base+int(math.Abs(g.r.NormFloat64())*3.2))
}

// education lays out the schooling of a person: secondary school, degrees
// earned before appointment, and degrees earned in service, each with a
// graduation date. A degree that cannot fit in service is moved before it.
func (g *generator) education(d *draft) {
	d.school = d.school[:0]
	at := func(years float64) merit.Date {
		return addDays(d.birth, int(years*365.25))
	}
	if eduRank[d.edu] <= eduRank["SMA"] {
		y := map[string]float64{"SD": 12.5, "SMP": 15.5, "SMA": 18.5}[d.edu]
		d.school = append(d.school, eduStep{level: d.edu, at: g.june(at(y))})
		return
	}
	sma := g.june(at(18.5))
	d.school = append(d.school, eduStep{level: "SMA", at: sma})
	chain := educationChain(d.entryEdu, d.edu)
	for {
		// Degrees up to the entry education come before appointment; the
		// rest need room in service, each a few years after the one before.
		var inService []string
		for _, l := range chain {
			if eduRank[l] > eduRank[d.entryEdu] {
				inService = append(inService, l)
			}
		}
		need := 0
		for _, l := range inService {
			need += gapMonths(l)
		}
		if len(inService) == 0 || !addMonths(d.tmt, need).After(addMonths(g.today, -3)) {
			break
		}
		d.entryEdu = inService[0]
	}
	prev, keys := sma, g.degreeKeys(d, chain)
	for i, l := range chain {
		var when merit.Date
		if eduRank[l] <= eduRank[d.entryEdu] {
			natural := addMonths(prev, studyMonths(l, keys[i]))
			when = minDate(natural, addMonths(d.tmt, -g.between(2, 14)))
			if !when.After(prev) {
				when = addMonths(prev, 6)
			}
		} else {
			from := maxDate(addMonths(prev, gapMonths(l)), addMonths(d.tmt, gapMonths(l)))
			rest := 0
			for _, later := range chain[i+1:] {
				rest += gapMonths(later)
			}
			when = g.dateBetween(from, addMonths(g.today, -3-rest))
		}
		d.school = append(d.school, eduStep{level: l, key: keys[i], at: when})
		prev = when
	}
}

// educationChain lists the tertiary levels up to the highest one, the
// entry education among them: a diploma first when the person entered with
// one, then the bachelor, master and doctorate the highest level implies.
func educationChain(entry, top string) []string {
	var out []string
	switch {
	case eduRank[top] <= eduRank["SMA"]:
		return nil
	case top == "D3":
		return []string{"D3"}
	}
	if entry == "D3" {
		out = append(out, "D3")
	}
	if top == "D4" || entry == "D4" {
		out = append(out, "D4")
	} else {
		out = append(out, "S1")
	}
	if eduRank[top] >= eduRank["S2"] {
		out = append(out, "S2")
	}
	if top == "S3" {
		out = append(out, "S3")
	}
	return out
}

// studyMonths is how long a level takes after the one before it.
func studyMonths(level, key string) int {
	switch {
	case key == "dr." || key == "drg." || key == "drh." || key == "apt." || key == "Ns.":
		return 70
	case strings.HasPrefix(key, "Sp."):
		return 54
	}
	return map[string]int{"D3": 38, "D4": 50, "S1": 52, "S2": 26, "S3": 42}[level]
}

// gapMonths is the least time a degree earned in service takes.
func gapMonths(level string) int {
	return map[string]int{"D3": 36, "D4": 30, "S1": 36, "S2": 24, "S3": 36}[level]
}

// degreeKeys chooses the degree of each tertiary level: the family's, the
// OPD's for managers, or a general one; a specialist or ners master needs
// the matching bachelor.
func (g *generator) degreeKeys(d *draft, chain []string) []string {
	keys := make([]string, len(chain))
	s1 := ""
	for i, l := range chain {
		var opts []string
		switch {
		case l == "S3":
			keys[i] = "Dr."
			continue
		case d.fam != nil && d.fam.lower != "" && l == "D3":
			opts = families[d.fam.lower].deg["D3"]
		case d.fam != nil && d.fam.deg[l] != nil:
			opts = d.fam.deg[l]
		case d.fam == nil && d.opd.deg[l] != nil && g.chance(0.65):
			opts = d.opd.deg[l]
		case d.fam == nil && l == "S1" && g.chance(0.25):
			opts = []string{"S.STP.", "S.IP.", "S.Sos."}
		}
		if opts == nil {
			opts = generalDegrees[l]
		}
		k := pick(g, opts)
		for tries := 0; islamicDegree[k] && d.religion != "ISLAM"; tries++ {
			if k = pick(g, opts); tries > 10 {
				k = strings.TrimSuffix(k, "I.") // S.Pd.I. → S.Pd.
			}
		}
		for l == "S2" && !masterFits(s1, k) {
			k = pick(g, generalDegrees["S2"]) // M.M., M.Si. and others follow any bachelor
		}
		if l == "S1" {
			s1 = k
		}
		keys[i] = k
	}
	return keys
}

// islamicDegree marks degrees in Islamic education, which only Muslims hold.
var islamicDegree = map[string]bool{"S.Pd.I.": true, "M.Pd.I.": true}

// masterFits reports whether a master's or specialist degree k can follow
// the bachelor s1: specialists are doctors, nursing masters are nurses, and
// health masters follow health degrees.
func masterFits(s1, k string) bool {
	switch {
	case strings.HasPrefix(k, "Sp."):
		return s1 == "dr."
	case k == "M.Kep.":
		return s1 == "Ns."
	case k == "M.Kes.":
		return oneOf(s1, "", "dr.", "drg.", "Ns.", "S.K.M.", "apt.", "S.Keb.", "S.Gz.")
	case k == "M.T.":
		return oneOf(s1, "", "S.T.", "S.PWK.", "S.Kom.", "S.ST.")
	case k == "M.Kom.":
		return oneOf(s1, "", "S.Kom.", "S.T.", "S.Tr.Kom.", "S.Si.")
	case k == "M.Ak.":
		return oneOf(s1, "", "S.E.", "S.Ak.")
	case k == "M.Pd." || k == "M.Pd.I.":
		return oneOf(s1, "", "S.Pd.", "S.Pd.SD.", "S.Pd.I.", "S.Si.", "S.S.", "S.Psi.")
	}
	return true
}

func oneOf(s string, xs ...string) bool {
	for _, x := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// june returns a graduation date near mid-year of d's year (or the next).
func (g *generator) june(d merit.Date) merit.Date {
	return merit.NewDate(d.Year(), time.Month(6+g.r.IntN(2)), 1+g.r.IntN(28))
}

// eduClass groups education for pelaksana titles.
func eduClass(edu string) string {
	switch edu {
	case "D3":
		return "D3"
	case "D4", "S1", "S2", "S3":
		return "S1"
	}
	return "low"
}

// currentTitle and oldTitle name a pelaksana post of an education class,
// with the names used since the 2023 regrouping or before it.
func currentTitle(g *generator, class string) string {
	return pickW(g, pelaksanaTitles[class])
}

func oldTitle(g *generator, class string, at merit.Date) string {
	if at.Year() >= 2023 {
		return currentTitle(g, class)
	}
	return pick(g, oldPelaksanaTitles[class])
}

// randomStaffUnit returns any office of the agency: a unit that holds
// staff, schools left out.
func (g *generator) randomStaffUnit() int {
	for {
		u := g.r.IntN(len(g.plan.units))
		if k := g.plan.units[u].kind; k != kindGroup && k != kindSchool {
			return u
		}
	}
}

// Random helpers.

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// between returns a uniform integer in [lo, hi].
func (g *generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func pickW[T any](g *generator, xs []wt[T]) T {
	total := 0.0
	for _, x := range xs {
		total += x.w
	}
	u := g.r.Float64() * total
	for _, x := range xs {
		if u -= x.w; u < 0 {
			return x.v
		}
	}
	return xs[len(xs)-1].v
}

// dateBetween returns a uniform date in [a, b] (a when b is before a).
func (g *generator) dateBetween(a, b merit.Date) merit.Date {
	if !b.After(a) {
		return a
	}
	days := int(b.Time().Sub(a.Time()).Hours() / 24)
	return addDays(a, g.r.IntN(days+1))
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// Date helpers.

func addDays(d merit.Date, n int) merit.Date   { return merit.DateOf(d.Time().AddDate(0, 0, n)) }
func addMonths(d merit.Date, n int) merit.Date { return merit.DateOf(d.Time().AddDate(0, n, 0)) }
func addYears(d merit.Date, n int) merit.Date  { return merit.DateOf(d.Time().AddDate(n, 0, 0)) }
func firstOfMonth(d merit.Date) merit.Date     { return merit.NewDate(d.Year(), d.Month(), 1) }

func monthsBetween(a, b merit.Date) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

func maxDate(a, b merit.Date) merit.Date {
	if a.After(b) {
		return a
	}
	return b
}

func minDate(a, b merit.Date) merit.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }
