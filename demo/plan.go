package demo

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Template is a real kota or kabupaten the generator models an agency on:
// its name, code, the demo users' suffix, kecamatan and hospital.
type Template struct {
	Name     string // "Pemerintah Kota Magelang"
	Code     string // "kota-magelang"
	Short    string // suffix of the demo usernames: admin.magelang
	Kind     string // KOTA or KABUPATEN
	Place    string // "Magelang"
	Province string // "Provinsi Jawa Tengah"
	RSUD     string // the regional hospital's name: Tidar
	// Kecamatan, each with its kelurahan when they are units of their own
	// (a kota); a kabupaten's kecamatan get sections instead.
	Kecamatan []Kecamatan
	Puskesmas []string // defaults to one per kecamatan
	Near      []string // nearby birth places
}

// Kecamatan is a district and its urban villages.
type Kecamatan struct {
	Name      string
	Kelurahan []string
}

// Head returns the title of the agency's head: Wali Kota or Bupati.
func (t *Template) Head() string {
	if t.Kind == "KABUPATEN" {
		return "Bupati"
	}
	return "Wali Kota"
}

// placeName is "Kota Magelang" or "Kabupaten Magelang".
func (t *Template) placeName() string {
	if t.Kind == "KABUPATEN" {
		return "Kabupaten " + t.Place
	}
	return "Kota " + t.Place
}

// templates are the agencies Generate creates, in order. The first is the
// default demo agency.
var templates = []Template{
	{Name: "Pemerintah Kota Magelang", Code: "kota-magelang", Short: "magelang", Kind: "KOTA", Place: "Magelang",
		Province: "Provinsi Jawa Tengah", RSUD: "Tidar",
		Kecamatan: []Kecamatan{
			{"Magelang Utara", []string{"Kramat Utara", "Kramat Selatan", "Kedungsari", "Wates", "Potrobangsan"}},
			{"Magelang Tengah", []string{"Magelang", "Kemirirejo", "Cacaban", "Rejowinangun Utara", "Gelangan", "Panjang"}},
			{"Magelang Selatan", []string{"Jurangombo Utara", "Jurangombo Selatan", "Magersari", "Rejowinangun Selatan", "Tidar Utara", "Tidar Selatan"}},
		},
		Puskesmas: []string{"Magelang Utara", "Magelang Tengah", "Magelang Selatan", "Jurangombo", "Kerkopan"},
		Near:      []string{"Temanggung", "Purworejo", "Wonosobo", "Yogyakarta", "Sleman", "Semarang", "Muntilan"}},
	{Name: "Pemerintah Kota Salatiga", Code: "kota-salatiga", Short: "salatiga", Kind: "KOTA", Place: "Salatiga",
		Province: "Provinsi Jawa Tengah", RSUD: "Kota Salatiga",
		Kecamatan: []Kecamatan{{Name: "Sidorejo"}, {Name: "Tingkir"}, {Name: "Argomulyo"}, {Name: "Sidomukti"}},
		Near:      []string{"Semarang", "Boyolali", "Ambarawa", "Ungaran", "Surakarta"}},
	{Name: "Pemerintah Kabupaten Magelang", Code: "kab-magelang", Short: "kabmagelang", Kind: "KABUPATEN", Place: "Magelang",
		Province: "Provinsi Jawa Tengah", RSUD: "Muntilan",
		Kecamatan: []Kecamatan{{Name: "Mertoyudan"}, {Name: "Muntilan"}, {Name: "Mungkid"}, {Name: "Borobudur"}, {Name: "Secang"}, {Name: "Grabag"}},
		Near:      []string{"Temanggung", "Purworejo", "Yogyakarta", "Sleman", "Boyolali"}},
	{Name: "Pemerintah Kabupaten Temanggung", Code: "kab-temanggung", Short: "temanggung", Kind: "KABUPATEN", Place: "Temanggung",
		Province: "Provinsi Jawa Tengah", RSUD: "Djojonegoro",
		Kecamatan: []Kecamatan{{Name: "Temanggung"}, {Name: "Parakan"}, {Name: "Kedu"}, {Name: "Kandangan"}, {Name: "Ngadirejo"}},
		Near:      []string{"Magelang", "Wonosobo", "Kendal", "Semarang"}},
	{Name: "Pemerintah Kota Semarang", Code: "kota-semarang", Short: "semarang", Kind: "KOTA", Place: "Semarang",
		Province: "Provinsi Jawa Tengah", RSUD: "K.R.M.T. Wongsonegoro",
		Kecamatan: []Kecamatan{{Name: "Semarang Tengah"}, {Name: "Banyumanik"}, {Name: "Tembalang"}, {Name: "Candisari"}, {Name: "Gajahmungkur"}},
		Near:      []string{"Kendal", "Demak", "Ungaran", "Salatiga", "Kudus", "Pati"}},
	{Name: "Pemerintah Kota Surakarta", Code: "kota-surakarta", Short: "surakarta", Kind: "KOTA", Place: "Surakarta",
		Province: "Provinsi Jawa Tengah", RSUD: "Bung Karno",
		Kecamatan: []Kecamatan{{Name: "Laweyan"}, {Name: "Serengan"}, {Name: "Pasar Kliwon"}, {Name: "Jebres"}, {Name: "Banjarsari"}},
		Near:      []string{"Sukoharjo", "Karanganyar", "Boyolali", "Klaten", "Wonogiri", "Sragen"}},
	{Name: "Pemerintah Kabupaten Purworejo", Code: "kab-purworejo", Short: "purworejo", Kind: "KABUPATEN", Place: "Purworejo",
		Province: "Provinsi Jawa Tengah", RSUD: "R.A.A. Tjokronegoro",
		Kecamatan: []Kecamatan{{Name: "Purworejo"}, {Name: "Kutoarjo"}, {Name: "Bayan"}, {Name: "Banyuurip"}, {Name: "Loano"}},
		Near:      []string{"Kebumen", "Magelang", "Kulon Progo", "Wonosobo"}},
	{Name: "Pemerintah Kabupaten Wonosobo", Code: "kab-wonosobo", Short: "wonosobo", Kind: "KABUPATEN", Place: "Wonosobo",
		Province: "Provinsi Jawa Tengah", RSUD: "K.R.T. Setjonegoro",
		Kecamatan: []Kecamatan{{Name: "Wonosobo"}, {Name: "Kertek"}, {Name: "Garung"}, {Name: "Mojotengah"}, {Name: "Selomerto"}},
		Near:      []string{"Temanggung", "Banjarnegara", "Purworejo", "Magelang"}},
	{Name: "Pemerintah Kota Yogyakarta", Code: "kota-yogyakarta", Short: "yogyakarta", Kind: "KOTA", Place: "Yogyakarta",
		Province: "Daerah Istimewa Yogyakarta", RSUD: "Kota Yogyakarta",
		Kecamatan: []Kecamatan{{Name: "Gondokusuman"}, {Name: "Jetis"}, {Name: "Tegalrejo"}, {Name: "Umbulharjo"}, {Name: "Kotagede"}},
		Near:      []string{"Sleman", "Bantul", "Kulon Progo", "Gunungkidul", "Klaten", "Magelang"}},
	{Name: "Pemerintah Kabupaten Sleman", Code: "kab-sleman", Short: "sleman", Kind: "KABUPATEN", Place: "Sleman",
		Province: "Daerah Istimewa Yogyakarta", RSUD: "Sleman",
		Kecamatan: []Kecamatan{{Name: "Depok"}, {Name: "Mlati"}, {Name: "Gamping"}, {Name: "Ngaglik"}, {Name: "Kalasan"}},
		Near:      []string{"Yogyakarta", "Bantul", "Magelang", "Klaten", "Kulon Progo"}},
	{Name: "Pemerintah Kabupaten Boyolali", Code: "kab-boyolali", Short: "boyolali", Kind: "KABUPATEN", Place: "Boyolali",
		Province: "Provinsi Jawa Tengah", RSUD: "Pandan Arang",
		Kecamatan: []Kecamatan{{Name: "Boyolali"}, {Name: "Mojosongo"}, {Name: "Teras"}, {Name: "Banyudono"}, {Name: "Ampel"}},
		Near:      []string{"Surakarta", "Salatiga", "Klaten", "Semarang", "Sukoharjo"}},
	{Name: "Pemerintah Kabupaten Klaten", Code: "kab-klaten", Short: "klaten", Kind: "KABUPATEN", Place: "Klaten",
		Province: "Provinsi Jawa Tengah", RSUD: "Bagas Waras",
		Kecamatan: []Kecamatan{{Name: "Klaten Tengah"}, {Name: "Klaten Utara"}, {Name: "Klaten Selatan"}, {Name: "Delanggu"}, {Name: "Wedi"}},
		Near:      []string{"Yogyakarta", "Surakarta", "Boyolali", "Sukoharjo", "Sleman"}},
	{Name: "Pemerintah Kota Pekalongan", Code: "kota-pekalongan", Short: "pekalongan", Kind: "KOTA", Place: "Pekalongan",
		Province: "Provinsi Jawa Tengah", RSUD: "Bendan",
		Kecamatan: []Kecamatan{{Name: "Pekalongan Barat"}, {Name: "Pekalongan Timur"}, {Name: "Pekalongan Utara"}, {Name: "Pekalongan Selatan"}},
		Near:      []string{"Batang", "Pemalang", "Tegal", "Kendal", "Semarang"}},
	{Name: "Pemerintah Kota Tegal", Code: "kota-tegal", Short: "tegal", Kind: "KOTA", Place: "Tegal",
		Province: "Provinsi Jawa Tengah", RSUD: "Kardinah",
		Kecamatan: []Kecamatan{{Name: "Tegal Barat"}, {Name: "Tegal Timur"}, {Name: "Tegal Selatan"}, {Name: "Margadana"}},
		Near:      []string{"Brebes", "Pemalang", "Slawi", "Pekalongan", "Cirebon"}},
}

// Templates returns the agency templates in the order Generate uses them.
func Templates() []Template { return append([]Template(nil), templates...) }

// templateFor returns the template of the i-th agency. Past the end of the
// list the templates repeat with a numbered name and code, for benchmarks
// that need many agencies.
func templateFor(i int) Template {
	t := templates[i%len(templates)]
	if round := i / len(templates); round > 0 {
		n := strconv.Itoa(round + 1)
		t.Name += " (Demo " + n + ")"
		t.Code += "-" + n
		t.Short += n
	}
	return t
}

// otherBirthPlaces are birth places common among Central Java civil servants.
var otherBirthPlaces = []string{"Magelang", "Temanggung", "Purworejo", "Wonosobo", "Semarang", "Yogyakarta", "Sleman", "Klaten",
	"Boyolali", "Salatiga", "Kebumen", "Kendal", "Surakarta", "Bantul", "Kulon Progo", "Jakarta", "Banyumas", "Pati", "Demak",
	"Grobogan", "Sukoharjo", "Karanganyar", "Wonogiri", "Pekalongan", "Tegal", "Batang", "Brebes", "Bandung", "Surabaya",
	"Kudus", "Jepara", "Cilacap", "Banjarnegara", "Blora", "Rembang", "Sragen", "Gunungkidul", "Madiun", "Medan", "Palembang"}

// Unit kinds, which decide a unit's head and how much staff it draws.
type unitKind uint8

const (
	kindRoot unitKind = iota
	kindSekretariat
	kindBidang // bidang, bagian, inspektorat pembantu
	kindUPTD
	kindKelurahan
	kindSeksi
	kindInstalasi
	kindGroup  // a grouping of schools: holds no staff itself
	kindSchool // a school: teachers and school staff
)

// staffWeight is how much of an OPD's unassigned staff a unit of the kind draws.
var staffWeight = map[unitKind]float64{kindSekretariat: 1.6, kindBidang: 1, kindUPTD: 1.2, kindKelurahan: 1,
	kindSeksi: 0.6, kindInstalasi: 1, kindSchool: 1}

// unitPlan is one unit of the agency to build.
type unitPlan struct {
	name, parent string
	opd          int // index of the OPD (root unit) in plan.opds
	kind         unitKind
}

// post is a managerial position (JPT, administrator, pengawas) in a unit.
type post struct {
	unit     int
	name     string
	jenis    string
	kelas    int
	critical bool
}

// slot is a unit and a family people are drawn into, with its weight.
type slot struct {
	unit  int
	fam   *family
	units []int // the units of the same staff line, for earlier posts
}

// opdPlan is a perangkat daerah of the agency.
type opdPlan struct {
	name   string
	root   int
	female float64
	deg    map[string][]string
	units  []int // its units, root first
}

// plan is the structure of one agency: units, managerial posts and the
// weighted slots every other employee is drawn from.
type plan struct {
	tpl        Template
	units      []unitPlan
	opds       []opdPlan
	posts      []post
	postsBy    map[string][]int // jenis → indexes in posts
	slots      []slot
	slotWeight []float64 // while building: the weight of each slot
	cum        []float64 // cumulative slot weights
	birthPlace []wt[string]
	provider   string // the province's training agency
	bkpsdm     string // the agency's own BKPSDM
}

// newPlan builds the units, posts and slots of an agency from its template
// and the OPD catalog.
func newPlan(tpl Template) *plan {
	p := &plan{tpl: tpl, postsBy: map[string][]int{}}
	expand := func(s string) string { return strings.ReplaceAll(s, "{rsud}", tpl.RSUD) }
	for _, spec := range opds {
		p.addOPD(spec.name, spec.head, spec.female, spec.critical, spec.deg, spec.units, spec.staff, expand)
	}
	for _, k := range tpl.Kecamatan {
		units := []string{"Sekretariat"}
		for _, kel := range k.Kelurahan {
			units = append(units, "Kelurahan "+kel)
		}
		if len(k.Kelurahan) == 0 {
			for _, s := range kecamatanSeksi {
				units = append(units, s+" Kecamatan "+k.Name)
			}
		}
		p.addOPD("Kecamatan "+k.Name, "Camat "+k.Name, 0.45, false, degGov, units, kecamatanStaff, expand)
	}
	total := 0.0
	p.cum = make([]float64, len(p.slots))
	for i := range p.slots {
		total += p.slotWeight[i]
		p.cum[i] = total
	}
	p.slotWeight = nil
	// Birth places: the home town, its neighbours, then the rest of Java.
	p.birthPlace = append(p.birthPlace, wt[string]{tpl.Place, 45})
	for _, n := range tpl.Near {
		p.birthPlace = append(p.birthPlace, wt[string]{n, 5})
	}
	for _, c := range otherBirthPlaces {
		if c != tpl.Place {
			p.birthPlace = append(p.birthPlace, wt[string]{c, 0.6})
		}
	}
	p.provider = "Badan Pengembangan Sumber Daya Manusia " + tpl.Province
	p.bkpsdm = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia " + tpl.placeName()
	return p
}

// addOPD adds a root unit, its sub-units with their managerial posts, and its
// staff slots.
func (p *plan) addOPD(name, head string, female float64, critical bool, deg map[string][]string, units []string,
	staff []staffSpec, expand func(string) string) {
	name, head = expand(name), expand(head)
	o := opdPlan{name: name, root: len(p.units), female: female, deg: deg}
	opdIdx := len(p.opds)
	add := func(parent, unit string, kind unitKind) int {
		p.units = append(p.units, unitPlan{name: unit, parent: parent, opd: opdIdx, kind: kind})
		o.units = append(o.units, len(p.units)-1)
		return len(p.units) - 1
	}
	root := add("", name, kindRoot)
	if head == "" {
		head = "Kepala " + name
	}
	rootJenis := "JPT_PRATAMA"
	if strings.HasPrefix(name, "Kecamatan ") {
		rootJenis = "ADMINISTRATOR"
	}
	p.addPost(root, head, rootJenis, critical)
	if name == "Sekretariat Daerah" {
		// The Sekda's assistants and the head's expert staff are JPT Pratama
		// posts in the Sekretariat Daerah itself.
		for _, a := range []string{"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum"} {
			p.addPost(root, a, "JPT_PRATAMA", true)
		}
		for _, a := range []string{"Hukum, Politik dan Pemerintahan", "Ekonomi, Keuangan dan Pembangunan", "Kemasyarakatan dan Sumber Daya Manusia"} {
			p.addPost(root, "Staf Ahli "+p.tpl.Head()+" Bidang "+a, "JPT_PRATAMA", false)
		}
	}
	for _, u := range units {
		switch u {
		case "Sekretariat":
			id := add(name, "Sekretariat "+name, kindSekretariat)
			p.addPost(id, "Sekretaris "+name, "ADMINISTRATOR", critical)
			p.addPost(id, "Kepala Subbagian Umum dan Kepegawaian", "PENGAWAS", false)
			p.addPost(id, "Kepala Subbagian Perencanaan dan Keuangan", "PENGAWAS", false)
		case "{puskesmas}":
			pk := p.tpl.Puskesmas
			if len(pk) == 0 {
				for _, k := range p.tpl.Kecamatan {
					pk = append(pk, k.Name)
				}
			}
			for _, x := range pk {
				id := add(name, "UPTD Puskesmas "+x, kindUPTD)
				p.addPost(id, "Kepala UPTD Puskesmas "+x, "PENGAWAS", false)
				p.addPost(id, "Kepala Subbagian Tata Usaha", "PENGAWAS", false)
			}
		case "{sd}":
			add(name, "Satuan Pendidikan Sekolah Dasar", kindGroup)
			for _, s := range p.schoolNames("SD") {
				add("Satuan Pendidikan Sekolah Dasar", s, kindSchool)
			}
		case "{smp}":
			add(name, "Satuan Pendidikan Sekolah Menengah Pertama", kindGroup)
			for _, s := range p.schoolNames("SMP") {
				add("Satuan Pendidikan Sekolah Menengah Pertama", s, kindSchool)
			}
		default:
			p.addSubUnit(name, u, critical, add)
		}
	}
	p.opds = append(p.opds, o)
	specs := staff
	if hasSekretariat(units) {
		specs = append(append([]staffSpec(nil), staff...), sekretariatStaff...)
	}
	for _, s := range specs {
		fam := families[s.fam]
		if fam == nil {
			panic("demo: unknown family " + s.fam)
		}
		var match []int
		weight := 0.0
		for _, ui := range o.units {
			u := p.units[ui]
			if u.kind == kindRoot || u.kind == kindGroup {
				continue
			}
			if s.where == "" && u.kind == kindSchool || s.where != "" && !strings.HasPrefix(u.name, s.where) {
				continue
			}
			match = append(match, ui)
			if s.where == "" {
				weight += staffWeight[u.kind]
			} else {
				weight++
			}
		}
		for _, ui := range match {
			share := 1.0
			if s.where == "" {
				share = staffWeight[p.units[ui].kind]
			}
			p.slots = append(p.slots, slot{unit: ui, fam: fam, units: match})
			p.slotWeight = append(p.slotWeight, s.n*share/weight)
		}
	}
}

// addSubUnit adds a bidang, bagian, UPTD, kelurahan, seksi or instalasi with
// the posts of its managers.
func (p *plan) addSubUnit(opd, u string, critical bool, add func(parent, unit string, kind unitKind) int) {
	switch {
	case strings.HasPrefix(u, "Bidang "), strings.HasPrefix(u, "Bagian "):
		id := add(opd, u, kindBidang)
		p.addPost(id, "Kepala "+u, "ADMINISTRATOR", critical)
		if strings.Contains(u, "Umum") || strings.Contains(u, "Tata Usaha") {
			p.addPost(id, "Kepala Subbagian Kepegawaian", "PENGAWAS", false)
			p.addPost(id, "Kepala Subbagian Keuangan", "PENGAWAS", false)
		}
	case strings.HasPrefix(u, "Inspektorat Pembantu "):
		id := add(opd, u, kindBidang)
		p.addPost(id, "Inspektur Pembantu "+strings.TrimPrefix(u, "Inspektorat Pembantu "), "ADMINISTRATOR", critical)
	case strings.HasPrefix(u, "UPTD "):
		id := add(opd, u, kindUPTD)
		p.addPost(id, "Kepala "+u, "PENGAWAS", false)
		p.addPost(id, "Kepala Subbagian Tata Usaha", "PENGAWAS", false)
	case strings.HasPrefix(u, "Kelurahan "):
		id := add(opd, u, kindKelurahan)
		kel := strings.TrimPrefix(u, "Kelurahan ")
		p.addPost(id, "Lurah "+kel, "PENGAWAS", false)
		p.addPost(id, "Sekretaris Kelurahan "+kel, "PENGAWAS", false)
	case strings.HasPrefix(u, "Seksi "):
		id := add(opd, u, kindSeksi)
		p.addPost(id, "Kepala "+u, "PENGAWAS", false)
	case strings.HasPrefix(u, "Instalasi "):
		add(opd, u, kindInstalasi)
	default:
		panic("demo: unit kind of " + u)
	}
}

func hasSekretariat(units []string) bool {
	for _, u := range units {
		if u == "Sekretariat" {
			return true
		}
	}
	return false
}

// kelasOf gives the kelas jabatan of managerial posts.
var kelasOf = map[string]int{"JPT_PRATAMA": 14, "ADMINISTRATOR": 11, "PENGAWAS": 9}

func (p *plan) addPost(unit int, name, jenis string, critical bool) {
	k := kelasOf[jenis]
	if name == "Sekretaris Daerah" {
		k = 15
	}
	p.posts = append(p.posts, post{unit: unit, name: name, jenis: jenis, kelas: k, critical: critical || jenis == "JPT_PRATAMA"})
	p.postsBy[jenis] = append(p.postsBy[jenis], len(p.posts)-1)
}

// schoolNames names the state primary (SD) or junior secondary (SMP) schools:
// SD after the kelurahan (or kecamatan), SMP numbered per town.
func (p *plan) schoolNames(level string) []string {
	var areas []string
	for _, k := range p.tpl.Kecamatan {
		areas = append(areas, k.Kelurahan...)
	}
	if len(areas) == 0 {
		for _, k := range p.tpl.Kecamatan {
			areas = append(areas, k.Name)
		}
	}
	var out []string
	switch level {
	case "SD":
		per := int(math.Ceil(48 / float64(len(areas))))
		for _, a := range areas {
			for i := 1; i <= per; i++ {
				out = append(out, fmt.Sprintf("SD Negeri %s %d", a, i))
			}
		}
	case "SMP":
		if p.tpl.Kind == "KOTA" {
			for i := 1; i <= 13; i++ {
				out = append(out, fmt.Sprintf("SMP Negeri %d %s", i, p.tpl.Place))
			}
			break
		}
		for _, k := range p.tpl.Kecamatan {
			for i := 1; i <= 2; i++ {
				out = append(out, fmt.Sprintf("SMP Negeri %d %s", i, k.Name))
			}
		}
	}
	return out
}

// pickSlot draws a slot by weight.
func (p *plan) pickSlot(u float64) *slot {
	i := sort.SearchFloat64s(p.cum, u*p.cum[len(p.cum)-1])
	if i >= len(p.slots) {
		i = len(p.slots) - 1
	}
	return &p.slots[i]
}
