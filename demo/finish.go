package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"merit"
)

// finish draws a person's identity (religion, name, degrees, birth place,
// contact), makes the NIP and writes the histories.
func (g *generator) finish(d *draft) *Person {
	p := &Person{OPD: d.opd.name, Jenjang: d.jenjang, KelasJabatan: d.kelas, Critical: d.critical}
	e := &p.Employee
	e.Sex = merit.SexMale
	if d.female {
		e.Sex = merit.SexFemale
	}
	e.Religion = d.religion
	e.Name = g.name(d.female, e.Religion, d.birth.Year())
	e.GelarDepan, e.GelarBelakang = g.gelar(d, e.Religion)
	e.BirthPlace = pickW(g, g.plan.birthPlace)
	e.Status, e.TMTCPNS, e.Education = d.status, d.tmt, d.edu
	if d.pppk() {
		e.Golongan, e.TMTGolongan = pppkGolongan[d.edu], d.tmt
	} else {
		last := d.path[len(d.path)-1]
		e.Golongan, e.TMTGolongan = golongan[last.g], last.at
	}
	cur := d.posts[len(d.posts)-1]
	e.PositionName, e.Jenis, e.TMTJabatan = cur.title, cur.jenis, cur.at
	u := g.plan.units[d.unit]
	e.UnitName, p.ParentUnit = u.name, u.parent
	e.NIP = g.nip(d)
	e.BirthDate = d.birth
	e.Email, e.Phone = g.contact(e.Name, d.birth)
	e.NIK, e.Alamat = personalData(e.NIP, d.birth, d.female)
	g.history(d, p)
	return p
}

func (d *draft) pppk() bool { return d.status == "PPPK" || d.status == "PPPK_PW" }

// muslimNames are given names that only Muslims bear, kept out of the
// Javanese part of Christian names.
var muslimNames = map[string]bool{"Muhammad": true, "Ahmad": true, "Imam": true, "Abdul": true, "Zaenal": true, "Hanif": true,
	"Nur": true, "Yusuf": true, "Rahmat": true, "Ridwan": true, "Irfan": true, "Ilham": true, "Fikri": true, "Siti": true,
	"Fatimah": true, "Khusnul": true, "Annisa": true, "Anisa": true, "Nurul": true, "Umi": true, "Aulia": true, "Arifin": true,
	"Hidayat": true, "Rahman": true, "Firmansyah": true, "Ramadhan": true, "Hidayati": true, "Rahmawati": true, "Nurhayati": true}

// name draws a name fitting the sex, religion and generation.
func (g *generator) name(female bool, religion string, born int) string {
	by := func(m, f []string) string { return pickSex(g, female, m, f) }
	switch religion {
	case "HINDU":
		return by(hinduMale, hinduFemale) + " " + pick(g, hinduLast)
	case "BUDDHA", "KONGHUCU":
		return by(chineseMale, chineseFemale) + " " + pick(g, chineseLast)
	case "KATOLIK":
		return by(catholicMale, catholicFemale) + " " + g.javanese(female, born, false)
	case "KRISTEN":
		if g.chance(0.5) {
			return by(protestMale, protestFemale) + " " + g.nonMuslim(female, maleLast, femaleLast)
		}
		return by(protestMale, protestFemale) + " " + g.javanese(female, born, false)
	}
	return g.javanese(female, born, true)
}

// javanese draws a Javanese name: single traditional names for older
// people, compound modern ones for young Muslims, otherwise a given name and
// a family-style name, sometimes with a second given name.
func (g *generator) javanese(female bool, born int, muslim bool) string {
	by := func(m, f []string) string { return pickSex(g, female, m, f) }
	if !muslim {
		by = func(m, f []string) string { return g.nonMuslim(female, m, f) }
	}
	switch {
	case born < 1975 && g.chance(0.45):
		return by(maleTraditional, femaleTraditional)
	case born >= 1990 && muslim && g.chance(0.35):
		return by(maleModern, femaleModern) + " " + by(maleLast, femaleLast)
	case g.chance(0.2):
		a, b := by(maleFirst, femaleFirst), by(maleFirst, femaleFirst)
		if a != b {
			return a + " " + b + " " + by(maleLast, femaleLast)
		}
	}
	return by(maleFirst, femaleFirst) + " " + by(maleLast, femaleLast)
}

func pickSex(g *generator, female bool, m, f []string) string {
	if female {
		return pick(g, f)
	}
	return pick(g, m)
}

// nonMuslim draws from the lists until the name has no Muslim-only word.
func (g *generator) nonMuslim(female bool, m, f []string) string {
	for {
		s := pickSex(g, female, m, f)
		ok := true
		for _, w := range strings.Fields(s) {
			ok = ok && !muslimNames[w]
		}
		if ok {
			return s
		}
	}
}

// gelar writes the degrees around the name: a doctorate and professional
// titles in front (Dr., dr., apt.; Drs. and Ir. for degrees earned before
// 1993), academic degrees behind, and H./Hj. for some Muslims who made the
// hajj. A diploma is dropped once a higher degree follows it.
func (g *generator) gelar(d *draft, religion string) (front, back string) {
	var doctorate, titles, backs []string
	for i, s := range d.school {
		if s.key == "" {
			continue
		}
		deg := degrees[s.key]
		if deg.level == "D3" && i+1 < len(d.school) {
			continue
		}
		switch {
		case deg.old != "" && s.at.Year() < 1993:
			old := deg.old
			if old == "Drs." && d.female {
				old = "Dra."
			}
			titles = append(titles, old)
			continue
		case deg.front == "Dr.":
			doctorate = append(doctorate, deg.front)
		case deg.front != "":
			titles = append(titles, deg.front)
		}
		if deg.back != "" {
			backs = append(backs, deg.back)
		}
	}
	fronts := append(doctorate, titles...)
	if religion == "ISLAM" && d.birth.AgeOn(g.today) >= 40 && g.chance(0.12) {
		if d.female {
			fronts = append(fronts, "Hj.")
		} else {
			fronts = append(fronts, "H.")
		}
	}
	return strings.Join(fronts, " "), strings.Join(backs, ", ")
}

// nip builds the NIP from the birth date, TMT CPNS (or the PPPK appointment
// year, code 2 and frequency), sex and the next sequence number of its first
// 15 digits. When a prefix has used all 999 numbers the birth date moves a
// day (so NIP and record still agree).
func (g *generator) nip(d *draft) string {
	b := make([]byte, 0, 18)
	for {
		b = b[:0]
		b = fmt.Appendf(b, "%04d%02d%02d", d.birth.Year(), d.birth.Month(), d.birth.Day())
		if d.pppk() {
			b = fmt.Appendf(b, "%04d2%d", d.tmt.Year(), d.freq)
		} else {
			b = fmt.Appendf(b, "%04d%02d", d.tmt.Year(), d.tmt.Month())
		}
		if d.female {
			b = append(b, '2')
		} else {
			b = append(b, '1')
		}
		h := fnv.New32a()
		h.Write(b)
		i := int(h.Sum32()) & (len(g.seq) - 1)
		if g.seq[i] < 999 {
			g.seq[i]++
			return string(fmt.Appendf(b, "%03d", g.seq[i]))
		}
		d.birth = addDays(d.birth, 1)
	}
}

// emailDomains are reserved example domains (RFC 2606): demo data must never
// reach a real mailbox.
var emailDomains = []string{"example.com", "example.net", "example.org"}

var phonePrefixes = []string{"811", "812", "813", "821", "822", "823", "852", "853", "856", "857", "858", "877", "878",
	"881", "882", "895", "896", "897", "898"}

// contact draws an e-mail address (most people) and a mobile number.
func (g *generator) contact(name string, birth merit.Date) (email, phone string) {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' {
				return r
			}
			return -1
		}, w)
		if w != "" {
			words = append(words, w)
		}
	}
	if g.chance(0.9) && len(words) > 0 {
		local := words[0]
		if len(words) > 1 {
			local += "." + words[len(words)-1]
		}
		if g.chance(0.6) {
			local += fmt.Sprintf("%02d", birth.Year()%100)
		}
		email = local + "@" + pick(g, emailDomains)
	}
	if g.chance(0.95) {
		phone = fmt.Sprintf("0%s%08d", pick(g, phonePrefixes), g.r.IntN(100000000))
	}
	return email, phone
}

// docNo makes an SK or certificate number: classification code/serial/year.
func (g *generator) docNo(code string, at merit.Date) string {
	return fmt.Sprintf("%s/%03d/%d", code, 1+g.r.IntN(999), at.Year())
}

// signed is the date an SK was signed: shortly before its TMT.
func (g *generator) signed(at merit.Date) merit.Date {
	return minDate(g.today, addDays(at, -g.between(3, 40)))
}

// history writes every riwayat of the person, the current golongan and
// position included.
func (g *generator) history(d *draft, p *Person) {
	add := func(h merit.HistoryEntry) { p.History = append(p.History, h) }
	if d.pppk() {
		add(merit.HistoryEntry{Kind: merit.HistGolongan, Ref: p.Golongan, Start: d.tmt, DocNumber: g.docNo("813.3", d.tmt), DocDate: g.signed(d.tmt)})
	}
	for i, s := range d.path {
		code := "823.3"
		if i == 0 {
			code = "813.3" // the CPNS appointment
		}
		add(merit.HistoryEntry{Kind: merit.HistGolongan, Ref: golongan[s.g], Start: s.at, DocNumber: g.docNo(code, s.at), DocDate: g.signed(s.at)})
	}
	first := max(0, len(d.posts)-5) // at most four earlier posts
	for i := first; i < len(d.posts); i++ {
		h := d.posts[i]
		var end merit.Date
		if i+1 < len(d.posts) {
			end = d.posts[i+1].at
		}
		add(merit.HistoryEntry{Kind: merit.HistJabatan, Title: h.title, Ref: h.jenis, Place: h.place, Start: h.at,
			End: end, DocNumber: g.docNo("821.2", h.at), DocDate: g.signed(h.at)})
	}
	for _, s := range d.school {
		title, place := g.schooling(s, p.BirthPlace)
		add(merit.HistoryEntry{Kind: merit.HistPendidikan, Ref: s.level, Title: title, Place: place, End: s.at})
	}
	g.trainings(d, add)
	g.discipline(d, add)
	g.awards(d, add)
}

// schooling names the major and the school of an education step.
func (g *generator) schooling(s eduStep, town string) (major, school string) {
	if s.key != "" {
		deg := degrees[s.key]
		return pick(g, deg.majors), pick(g, deg.schools)
	}
	n := 1 + g.r.IntN(3)
	switch s.level {
	case "SD":
		return "", fmt.Sprintf("SD Negeri %d %s", n, town)
	case "SMP":
		return "", fmt.Sprintf("SMP Negeri %d %s", n, town)
	}
	switch u := g.r.Float64(); {
	case u < 0.6:
		return pick(g, []string{"IPA", "IPA", "IPS", "Bahasa"}), fmt.Sprintf("SMA Negeri %d %s", n, town)
	case u < 0.85:
		return pick(g, []string{"Akuntansi", "Administrasi Perkantoran", "Teknik Komputer dan Jaringan", "Teknik Kendaraan Ringan", "Teknik Bangunan"}),
			fmt.Sprintf("SMK Negeri %d %s", n, town)
	}
	return pick(g, []string{"IPA", "IPS", "Keagamaan"}), "MAN " + itoa(n) + " " + town
}

// sector tells education and health OPDs apart for trainings and seminars.
func (d *draft) sector() string {
	switch {
	case strings.Contains(d.opd.name, "Pendidikan"):
		return "edu"
	case strings.Contains(d.opd.name, "Kesehatan"), strings.Contains(d.opd.name, "Rumah Sakit"):
		return "health"
	}
	return ""
}

// leadership are the leadership trainings per managerial level: before and
// since the 2019 reform, their JP and organiser.
var leadership = map[string]struct {
	old, now string
	hours    int
}{
	"PENGAWAS":      {"Pendidikan dan Pelatihan Kepemimpinan Tingkat IV", "Pelatihan Kepemimpinan Pengawas", 385},
	"ADMINISTRATOR": {"Pendidikan dan Pelatihan Kepemimpinan Tingkat III", "Pelatihan Kepemimpinan Administrator", 545},
	"JPT_PRATAMA":   {"Pendidikan dan Pelatihan Kepemimpinan Tingkat II", "Pelatihan Kepemimpinan Nasional Tingkat II", 665},
}

// trainings writes the diklat history: the basic training of new civil
// servants (Latsar, formerly Prajabatan) or the PPPK orientation, leadership
// trainings for managers, the functional training of a JF, technical
// trainings and seminars.
func (g *generator) trainings(d *draft, add func(merit.HistoryEntry)) {
	train := func(ref, title, place string, start merit.Date, hours, days int) {
		if start.After(g.today) {
			return
		}
		add(merit.HistoryEntry{Kind: merit.HistDiklat, Ref: ref, Title: title, Place: place, Start: start,
			End: addDays(start, days), Hours: hours, DocNumber: g.docNo("893.3", start)})
	}
	if d.pppk() {
		train("TEKNIS", "Pelatihan Orientasi PPPK", g.plan.bkpsdm, addMonths(d.tmt, g.between(1, 4)), 40, 5)
	} else {
		group := strings.Split(golongan[d.path[0].g], "/")[0]
		start := addMonths(d.tmt, g.between(2, 10))
		if start.Year() >= 2018 {
			train("KEPEMIMPINAN", "Pelatihan Dasar CPNS Golongan "+group, g.plan.provider, start, 841, g.between(60, 100))
		} else {
			train("KEPEMIMPINAN", "Pendidikan dan Pelatihan Prajabatan Golongan "+group, g.plan.provider, start, 240, g.between(14, 21))
		}
	}
	for _, h := range d.posts {
		l, ok := leadership[h.jenis]
		if !ok || !g.chance(0.85) {
			continue
		}
		start := addMonths(h.at, g.between(3, 18))
		title := l.now
		if start.Year() < 2019 {
			title = l.old
		}
		place := g.plan.provider
		if h.jenis == "JPT_PRATAMA" {
			place = "Lembaga Administrasi Negara"
		}
		train("KEPEMIMPINAN", title, place, start, l.hours, g.between(90, 130))
	}
	if f := d.fam; f != nil && f.ladder != nil && g.chance(0.7) {
		for _, h := range d.posts {
			if h.jenis == f.ladder.jenis {
				hours := g.between(60, 240)
				train("FUNGSIONAL", f.fung, g.sectorProvider(d), addMonths(h.at, g.between(0, 18)), hours, hours/7+1)
				break
			}
		}
	}
	years := monthsBetween(d.tmt, g.today) / 12
	for i, n := 0, g.between(1, min(5, 1+years/5)); i < n; i++ {
		title, hours := "", 0
		if f := d.fam; f != nil && len(f.teknis) > 0 && g.chance(0.6) {
			title, hours = pick(g, f.teknis), 10*g.between(2, 6)
		} else {
			t := pick(g, generalTeknis)
			title, hours = t.v, int(t.w)
		}
		from := maxDate(d.tmt, addYears(g.today, -10))
		if i == 0 && g.chance(0.5) {
			from = maxDate(d.tmt, addMonths(g.today, -11))
		}
		train("TEKNIS", title, g.sectorProvider(d), g.dateBetween(from, g.today), hours, hours/8+1)
	}
	for i, n := 0, g.between(0, 3); i < n; i++ {
		title := pick(g, seminars)
		switch d.sector() {
		case "edu":
			if g.chance(0.5) {
				title = pick(g, eduSeminars)
			}
		case "health":
			if g.chance(0.5) {
				title = pick(g, healthSeminars)
			}
		}
		place := pick(g, []string{g.plan.bkpsdm, g.plan.provider, "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "Badan Kepegawaian Negara"})
		train("SEMINAR", title, place, g.dateBetween(maxDate(d.tmt, addYears(g.today, -3)), g.today), g.between(3, 16), g.between(0, 1))
	}
}

// sectorProvider is who runs a technical or functional training.
func (g *generator) sectorProvider(d *draft) string {
	switch d.sector() {
	case "edu":
		return pick(g, []string{"Balai Besar Guru Penggerak Provinsi Jawa Tengah", g.plan.bkpsdm, "Universitas Negeri Semarang"})
	case "health":
		return pick(g, []string{"Balai Pelatihan Kesehatan Semarang", "Kementerian Kesehatan", g.plan.bkpsdm})
	}
	return pick(g, []string{g.plan.provider, g.plan.bkpsdm, "Pusat Pengembangan Kompetensi ASN Lembaga Administrasi Negara",
		"Pusat Pengembangan Sumber Daya Manusia Kementerian Dalam Negeri Regional Yogyakarta"})
}

// ppDisiplin is when PP 94/2021, whose sanctions the reference data lists,
// took effect.
var ppDisiplin = merit.NewDate(2021, 8, 31)

// discipline gives about one in thirty employees a sanction under PP 94/2021,
// mostly light; never a severe one to a manager.
func (g *generator) discipline(d *draft, add func(merit.HistoryEntry)) {
	if !g.chance(0.033) {
		return
	}
	from := maxDate(ppDisiplin, addMonths(d.tmt, 12))
	to := addMonths(g.today, -1)
	if from.After(to) {
		return
	}
	start := g.dateBetween(from, to)
	h := merit.HistoryEntry{Kind: merit.HistHukdis, Start: start, DocNumber: g.docNo("862.3", start), DocDate: g.signed(start)}
	tingkat := pickW(g, []wt[string]{{"RINGAN", 78}, {"SEDANG", 17}, {"BERAT", 5}})
	if d.post != nil && tingkat != "RINGAN" {
		tingkat = "RINGAN"
	}
	switch tingkat {
	case "RINGAN":
		h.Ref = pickW(g, hukdisRingan)
	case "SEDANG":
		h.Ref = pickW(g, hukdisSedang)
		h.End = addMonths(start, map[string]int{"POTONG_TUKIN_6": 6, "POTONG_TUKIN_9": 9, "POTONG_TUKIN_12": 12}[h.Ref])
	case "BERAT":
		h.Ref = pickW(g, hukdisBerat)
		h.End = addMonths(start, 12)
	}
	h.Title = pick(g, hukdisReason[tingkat])
	add(h)
}

// awards gives the Satyalancana Karya Satya for 10, 20 and 30 years of
// service (usually on Independence Day a year or two after eligibility) and
// a few local awards.
func (g *generator) awards(d *draft, add func(merit.HistoryEntry)) {
	if !d.pppk() {
		for _, s := range []struct {
			years int
			name  string
			p     float64
		}{{10, "X", 0.75}, {20, "XX", 0.7}, {30, "XXX", 0.65}} {
			eligible := addYears(d.tmt, s.years)
			at := merit.NewDate(eligible.Year()+g.between(0, 2), 8, 17)
			if at.Before(eligible) {
				at = addYears(at, 1)
			}
			if at.After(g.today) || !g.chance(s.p) {
				continue
			}
			add(merit.HistoryEntry{Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya " + s.name + " Tahun",
				Place: "Presiden Republik Indonesia", Start: at, DocNumber: fmt.Sprintf("Keppres Nomor %d/TK/Tahun %d", 1+g.r.IntN(120), at.Year())})
		}
	}
	if g.chance(0.04) {
		from, to := maxDate(addYears(d.tmt, 1), addYears(g.today, -10)), addMonths(g.today, -1)
		if from.After(to) {
			return
		}
		at := g.dateBetween(from, to)
		place := g.plan.tpl.placeName()
		title := "Pegawai Berprestasi Tingkat " + place
		switch d.sector() {
		case "edu":
			title = "Guru Berprestasi Tingkat " + place
		case "health":
			title = "Tenaga Kesehatan Teladan Tingkat " + place
		default:
			if g.chance(0.4) {
				title = "Juara I Lomba Inovasi Pelayanan Publik Tingkat " + place
			}
		}
		add(merit.HistoryEntry{Kind: merit.HistPenghargaan, Title: title, Place: g.plan.tpl.Head() + " " + g.plan.tpl.Place, Start: at})
	}
}

// personalData draws a person's NIK and home address from a generator of
// their own, seeded by the NIP, so every other value of the demo stays what
// it was before these fields existed. The NIK follows the Dukcapil layout:
// a Central Java regency or city (province 33), a district, the birth date
// with 40 added to the day for women, and a serial.
func personalData(nip string, birth merit.Date, female bool) (nik, alamat string) {
	h := fnv.New64a()
	h.Write([]byte(nip))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x4e494b))
	region := centralJavaRegions[r.IntN(len(centralJavaRegions))]
	day := birth.Day()
	if female {
		day += 40
	}
	nik = fmt.Sprintf("33%s%02d%02d%02d%02d%04d", region.code, 1+r.IntN(region.districts), day, int(birth.Month()),
		birth.Year()%100, 1+r.IntN(9999))
	alamat = fmt.Sprintf("%s No. %d, RT %03d/RW %03d, %s", streets[r.IntN(len(streets))], 1+r.IntN(120),
		1+r.IntN(12), 1+r.IntN(9), region.name)
	return nik, alamat
}

// centralJavaRegions are regencies and cities of Central Java with their
// Kemendagri codes and how many districts (kecamatan) each has, where the
// staff of the demo agencies plausibly live.
var centralJavaRegions = []struct {
	code, name string
	districts  int
}{
	{"71", "Kota Magelang", 3}, {"08", "Kabupaten Magelang", 21}, {"73", "Kota Salatiga", 4},
	{"22", "Kabupaten Semarang", 19}, {"74", "Kota Semarang", 16}, {"07", "Kabupaten Wonosobo", 15},
	{"06", "Kabupaten Purworejo", 16}, {"23", "Kabupaten Temanggung", 20}, {"09", "Kabupaten Boyolali", 22},
}

// streets are common street names of Central Javanese towns.
var streets = []string{"Jl. Pemuda", "Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Pahlawan",
	"Jl. Tidar", "Jl. Veteran", "Jl. Gatot Subroto", "Jl. Kartini", "Jl. Pangeran Antasari", "Jl. Sriwijaya",
	"Jl. Tentara Pelajar", "Jl. Ki Hajar Dewantara", "Jl. Cempaka", "Jl. Melati", "Perum Griya Asri Blok C"}
