package demo

// This file is the generator's knowledge of a Javanese local government: job
// families, degrees, names, places and trainings. It is data, kept apart from
// the logic in person.go and plan.go. Lists are slices (never ranged maps) so
// that every draw happens in the same order and a seed always gives the same
// agency.

// ladder is the jenjang scale of a functional position (JF): four levels with
// their reference codes, display names and kelas jabatan.
type ladder struct {
	jenis string
	codes [4]string
	names [4]string
	kelas [4]int
	// fromGolongan gives the level an employee of golongan index g holds.
	fromGolongan func(g int) int
	// capOf is the highest golongan index reachable at each level.
	capOf [4]int
}

var keahlian = &ladder{
	jenis: "JF_KEAHLIAN",
	codes: [4]string{"AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"},
	names: [4]string{"Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"},
	kelas: [4]int{8, 9, 11, 13},
	fromGolongan: func(g int) int {
		switch {
		case g <= golIIIb:
			return 0
		case g <= golIIId:
			return 1
		case g <= golIVc:
			return 2
		}
		return 3
	},
	capOf: [4]int{golIIIb, golIIId, golIVc, golIVe},
}

var keterampilan = &ladder{
	jenis: "JF_KETERAMPILAN",
	codes: [4]string{"PEMULA", "TERAMPIL", "MAHIR", "PENYELIA"},
	names: [4]string{"Pemula", "Terampil", "Mahir", "Penyelia"},
	kelas: [4]int{5, 6, 7, 8},
	fromGolongan: func(g int) int {
		switch {
		case g <= golIIa:
			return 0
		case g <= golIId:
			return 1
		case g <= golIIIb:
			return 2
		}
		return 3
	},
	capOf: [4]int{golIIa, golIId, golIIIb, golIIId},
}

// PNS golongan ladder, I/a (0) to IV/e (16).
var golongan = [...]string{"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
	"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"}

const (
	golIa   = 0
	golIIa  = 4
	golIIb  = 5
	golIIc  = 6
	golIId  = 7
	golIIIa = 8
	golIIIb = 9
	golIIIc = 10
	golIIId = 11
	golIVa  = 12
	golIVb  = 13
	golIVc  = 14
	golIVd  = 15
	golIVe  = 16
)

// eduRank orders education codes; entryGolongan and capGolongan are the
// golongan a PNS starts at with that education and the highest one reached by
// regular promotion (kenaikan pangkat reguler).
var eduRank = map[string]int{"SD": 1, "SMP": 2, "SMA": 3, "D1": 4, "D2": 5, "D3": 6, "D4": 7, "S1": 8, "S2": 9, "S3": 10}

var entryGolongan = map[string]int{"SD": golIa, "SMP": 2, "SMA": golIIa, "D1": golIIa, "D2": golIIb, "D3": golIIc,
	"D4": golIIIa, "S1": golIIIa, "S2": golIIIb, "S3": golIIIc}

var capGolongan = map[string]int{"SD": golIIa, "SMP": golIIc, "SMA": golIIIb, "D1": golIIIb, "D2": golIIIc, "D3": golIIIc,
	"D4": golIIId, "S1": golIIId, "S2": golIVa, "S3": golIVb}

// pppkGolongan is the PPPK golongan an appointee gets for an education level.
var pppkGolongan = map[string]string{"SD": "I", "SMP": "III", "SMA": "V", "D1": "V", "D2": "VI", "D3": "VII",
	"D4": "IX", "S1": "IX", "S2": "X", "S3": "XI"}

// wt is one weighted choice.
type wt[T any] struct {
	v T
	w float64
}

// degree is an academic degree: the education level it gives, how it is
// written around a name, what was studied and where.
type degree struct {
	level   string
	front   string // gelar depan: dr., drg., drh., apt., Dr.
	back    string // gelar belakang: S.Pd., A.Md.Kep., M.M.
	old     string // the pre-1993 form (Drs. or Ir.), written in front instead
	majors  []string
	schools []string
}

var (
	univGeneral = []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret",
		"Universitas Tidar", "Universitas Muhammadiyah Magelang", "Universitas Terbuka", "Universitas Islam Indonesia",
		"Universitas Muhammadiyah Yogyakarta", "Universitas Atma Jaya Yogyakarta", "Universitas Kristen Satya Wacana",
		"Universitas Jenderal Soedirman", "Universitas Negeri Semarang", "Universitas Pembangunan Nasional Veteran Yogyakarta",
		"Universitas Islam Negeri Sunan Kalijaga", "Universitas 17 Agustus 1945 Semarang"}
	univEducation = []string{"Universitas Negeri Yogyakarta", "Universitas Negeri Semarang", "Universitas Sebelas Maret",
		"Universitas Tidar", "Universitas Muhammadiyah Magelang", "Universitas Terbuka", "Universitas Sarjanawiyata Tamansiswa",
		"Universitas PGRI Semarang", "Universitas Kristen Satya Wacana", "Universitas Ahmad Dahlan", "Universitas Sanata Dharma"}
	univHealth = []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Muhammadiyah Yogyakarta",
		"Universitas Muhammadiyah Magelang", "Universitas Muhammadiyah Semarang", "Universitas Sebelas Maret",
		"Universitas Jenderal Soedirman", "Universitas 'Aisyiyah Yogyakarta", "Universitas Respati Yogyakarta"}
	univMedical = []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret",
		"Universitas Islam Indonesia", "Universitas Muhammadiyah Yogyakarta", "Universitas Islam Sultan Agung",
		"Universitas Jenderal Soedirman", "Universitas Kristen Duta Wacana"}
	univTechnical = []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret",
		"Universitas Islam Indonesia", "Universitas Atma Jaya Yogyakarta", "Universitas Tidar",
		"Universitas Pembangunan Nasional Veteran Yogyakarta", "Institut Teknologi Sepuluh Nopember"}
	univAgriculture = []string{"Universitas Gadjah Mada", "Universitas Jenderal Soedirman", "Universitas Sebelas Maret",
		"Universitas Muhammadiyah Yogyakarta", "Universitas Tidar", "Institut Pertanian Bogor"}
	polyHealth = []string{"Poltekkes Kemenkes Semarang", "Poltekkes Kemenkes Yogyakarta", "Poltekkes Kemenkes Surakarta",
		"Universitas Muhammadiyah Magelang", "Universitas 'Aisyiyah Yogyakarta"}
	polyGeneral = []string{"Politeknik Negeri Semarang", "Universitas Gadjah Mada", "Universitas Diponegoro",
		"Universitas Sebelas Maret", "Universitas Terbuka", "Politeknik Negeri Jakarta", "Universitas Tidar"}
	postgrad = []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret",
		"Universitas Negeri Yogyakarta", "Universitas Negeri Semarang", "Universitas Terbuka",
		"Universitas Muhammadiyah Yogyakarta", "Universitas Islam Indonesia", "Universitas Tidar",
		"Universitas Muhammadiyah Magelang"}
)

// degrees is every degree the generator writes, by its key in family lists.
var degrees = map[string]*degree{
	// Diploma.
	"A.Md.":      {level: "D3", back: "A.Md.", majors: []string{"Administrasi Perkantoran", "Manajemen Informatika", "Akuntansi", "Administrasi Bisnis", "Kearsipan"}, schools: polyGeneral},
	"A.Md.Kom.":  {level: "D3", back: "A.Md.Kom.", majors: []string{"Manajemen Informatika", "Teknik Komputer"}, schools: polyGeneral},
	"A.Md.Ak.":   {level: "D3", back: "A.Md.Ak.", majors: []string{"Akuntansi", "Keuangan dan Perbankan"}, schools: polyGeneral},
	"A.Md.T.":    {level: "D3", back: "A.Md.T.", majors: []string{"Teknik Sipil", "Teknik Mesin", "Teknik Elektro", "Teknik Otomotif"}, schools: polyGeneral},
	"A.Md.Kep.":  {level: "D3", back: "A.Md.Kep.", majors: []string{"Keperawatan"}, schools: polyHealth},
	"A.Md.Keb.":  {level: "D3", back: "A.Md.Keb.", majors: []string{"Kebidanan"}, schools: polyHealth},
	"A.Md.Farm.": {level: "D3", back: "A.Md.Farm.", majors: []string{"Farmasi"}, schools: polyHealth},
	"A.Md.AK.":   {level: "D3", back: "A.Md.AK.", majors: []string{"Analis Kesehatan", "Teknologi Laboratorium Medis"}, schools: polyHealth},
	"A.Md.Gz.":   {level: "D3", back: "A.Md.Gz.", majors: []string{"Gizi"}, schools: polyHealth},
	"A.Md.Rad.":  {level: "D3", back: "A.Md.Rad.", majors: []string{"Radiodiagnostik dan Radioterapi"}, schools: polyHealth},
	"A.Md.KL.":   {level: "D3", back: "A.Md.KL.", majors: []string{"Kesehatan Lingkungan", "Sanitasi"}, schools: polyHealth},
	"A.Md.Kes.":  {level: "D3", back: "A.Md.Kes.", majors: []string{"Rekam Medis dan Informasi Kesehatan"}, schools: polyHealth},
	"A.Md.Ftr.":  {level: "D3", back: "A.Md.Ftr.", majors: []string{"Fisioterapi"}, schools: polyHealth},
	"A.Md.P.":    {level: "D3", back: "A.Md.P.", majors: []string{"Budidaya Tanaman", "Penyuluhan Pertanian"}, schools: univAgriculture},
	"S.Tr.Keb.":  {level: "D4", back: "S.Tr.Keb.", majors: []string{"Kebidanan"}, schools: polyHealth},
	"S.Tr.Kes.":  {level: "D4", back: "S.Tr.Kes.", majors: []string{"Teknologi Laboratorium Medis", "Keperawatan Anestesiologi"}, schools: polyHealth},
	"S.Tr.Kom.":  {level: "D4", back: "S.Tr.Kom.", majors: []string{"Teknologi Rekayasa Perangkat Lunak"}, schools: polyGeneral},
	"S.ST.":      {level: "D4", back: "S.ST.", majors: []string{"Manajemen Bisnis", "Teknik Perancangan Jalan dan Jembatan"}, schools: polyGeneral},
	"S.Tr.Sos.":  {level: "D4", back: "S.Tr.Sos.", majors: []string{"Pekerjaan Sosial"}, schools: []string{"Politeknik Kesejahteraan Sosial Bandung"}},
	// Bachelor.
	"S.Pd.":     {level: "S1", back: "S.Pd.", old: "Drs.", majors: []string{"Pendidikan Guru Sekolah Dasar", "Pendidikan Guru Sekolah Dasar", "Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "Pendidikan Bahasa Inggris", "Pendidikan Biologi", "Pendidikan Fisika", "Pendidikan Ilmu Pengetahuan Sosial", "Pendidikan Jasmani, Kesehatan dan Rekreasi", "Bimbingan dan Konseling", "Pendidikan Seni Rupa", "Pendidikan Bahasa Jawa"}, schools: univEducation},
	"S.Pd.SD.":  {level: "S1", back: "S.Pd.SD.", majors: []string{"Pendidikan Guru Sekolah Dasar"}, schools: univEducation},
	"S.Pd.I.":   {level: "S1", back: "S.Pd.I.", old: "Drs.", majors: []string{"Pendidikan Agama Islam"}, schools: []string{"Universitas Islam Negeri Sunan Kalijaga", "Universitas Islam Negeri Walisongo", "Universitas Muhammadiyah Magelang", "Universitas Islam Negeri Salatiga"}},
	"S.Si.":     {level: "S1", back: "S.Si.", majors: []string{"Matematika", "Statistika", "Biologi", "Kimia", "Fisika"}, schools: univGeneral},
	"S.S.":      {level: "S1", back: "S.S.", old: "Drs.", majors: []string{"Sastra Indonesia", "Sastra Inggris", "Sejarah", "Sastra Jawa", "Arkeologi"}, schools: univGeneral},
	"S.Sn.":     {level: "S1", back: "S.Sn.", majors: []string{"Seni Tari", "Seni Karawitan", "Desain Komunikasi Visual"}, schools: []string{"Institut Seni Indonesia Yogyakarta", "Institut Seni Indonesia Surakarta"}},
	"S.E.":      {level: "S1", back: "S.E.", old: "Drs.", majors: []string{"Manajemen", "Akuntansi", "Ekonomi Pembangunan", "Manajemen"}, schools: univGeneral},
	"S.Ak.":     {level: "S1", back: "S.Ak.", majors: []string{"Akuntansi"}, schools: univGeneral},
	"S.M.":      {level: "S1", back: "S.M.", majors: []string{"Manajemen"}, schools: univGeneral},
	"S.H.":      {level: "S1", back: "S.H.", majors: []string{"Ilmu Hukum"}, schools: univGeneral},
	"S.Sos.":    {level: "S1", back: "S.Sos.", old: "Drs.", majors: []string{"Ilmu Administrasi Negara", "Sosiologi", "Ilmu Komunikasi", "Ilmu Kesejahteraan Sosial"}, schools: univGeneral},
	"S.IP.":     {level: "S1", back: "S.IP.", old: "Drs.", majors: []string{"Ilmu Pemerintahan", "Ilmu Politik", "Hubungan Internasional"}, schools: univGeneral},
	"S.AP.":     {level: "S1", back: "S.AP.", majors: []string{"Administrasi Publik"}, schools: univGeneral},
	"S.Psi.":    {level: "S1", back: "S.Psi.", old: "Drs.", majors: []string{"Psikologi"}, schools: univGeneral},
	"S.Kom.":    {level: "S1", back: "S.Kom.", majors: []string{"Teknik Informatika", "Sistem Informasi", "Ilmu Komputer"}, schools: univTechnical},
	"S.T.":      {level: "S1", back: "S.T.", old: "Ir.", majors: []string{"Teknik Sipil", "Teknik Sipil", "Teknik Elektro", "Teknik Lingkungan", "Arsitektur", "Teknik Mesin", "Teknik Informatika"}, schools: univTechnical},
	"S.PWK.":    {level: "S1", back: "S.PWK.", majors: []string{"Perencanaan Wilayah dan Kota"}, schools: univTechnical},
	"S.P.":      {level: "S1", back: "S.P.", old: "Ir.", majors: []string{"Agroteknologi", "Agribisnis", "Ilmu Tanah", "Penyuluhan dan Komunikasi Pertanian"}, schools: univAgriculture},
	"S.Pt.":     {level: "S1", back: "S.Pt.", old: "Ir.", majors: []string{"Peternakan"}, schools: univAgriculture},
	"S.Pi.":     {level: "S1", back: "S.Pi.", majors: []string{"Budidaya Perairan", "Manajemen Sumber Daya Perairan"}, schools: []string{"Universitas Diponegoro", "Universitas Gadjah Mada", "Universitas Jenderal Soedirman"}},
	"S.T.P.":    {level: "S1", back: "S.T.P.", majors: []string{"Teknologi Pangan", "Teknologi Hasil Pertanian"}, schools: univAgriculture},
	"S.K.M.":    {level: "S1", back: "S.K.M.", majors: []string{"Kesehatan Masyarakat"}, schools: univHealth},
	"S.Gz.":     {level: "S1", back: "S.Gz.", majors: []string{"Ilmu Gizi"}, schools: univHealth},
	"Ns.":       {level: "S1", back: "S.Kep., Ns.", majors: []string{"Ilmu Keperawatan dan Profesi Ners"}, schools: univHealth},
	"S.Keb.":    {level: "S1", back: "S.Keb., Bd.", majors: []string{"Kebidanan dan Pendidikan Profesi Bidan"}, schools: univHealth},
	"apt.":      {level: "S1", front: "apt.", back: "S.Farm.", majors: []string{"Farmasi dan Profesi Apoteker"}, schools: univHealth},
	"dr.":       {level: "S1", front: "dr.", majors: []string{"Pendidikan Dokter"}, schools: univMedical},
	"drg.":      {level: "S1", front: "drg.", majors: []string{"Pendidikan Dokter Gigi"}, schools: []string{"Universitas Gadjah Mada", "Universitas Muhammadiyah Yogyakarta", "Universitas Islam Sultan Agung"}},
	"drh.":      {level: "S1", front: "drh.", majors: []string{"Kedokteran Hewan"}, schools: []string{"Universitas Gadjah Mada", "Institut Pertanian Bogor", "Universitas Airlangga"}},
	"S.I.Kom.":  {level: "S1", back: "S.I.Kom.", majors: []string{"Ilmu Komunikasi"}, schools: univGeneral},
	"S.Stat.":   {level: "S1", back: "S.Stat.", majors: []string{"Statistika"}, schools: []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret", "Politeknik Statistika STIS"}},
	"S.Par.":    {level: "S1", back: "S.Par.", majors: []string{"Pariwisata"}, schools: []string{"Sekolah Tinggi Pariwisata Ambarrukmo", "Universitas Gadjah Mada", "Universitas Sebelas Maret"}},
	"S.STP.":    {level: "S1", back: "S.STP.", majors: []string{"Manajemen Pemerintahan", "Politik Pemerintahan"}, schools: []string{"Institut Pemerintahan Dalam Negeri"}},
	"S.Hum.":    {level: "S1", back: "S.Hum.", majors: []string{"Ilmu Perpustakaan", "Sejarah"}, schools: univGeneral},
	"S.Kep.Ns.": {level: "S1", back: "S.Kep., Ns.", majors: []string{"Ilmu Keperawatan dan Profesi Ners"}, schools: univHealth},
	// Master and specialist.
	"M.Pd.":   {level: "S2", back: "M.Pd.", majors: []string{"Manajemen Pendidikan", "Pendidikan Dasar", "Pendidikan Bahasa Indonesia", "Pendidikan Matematika", "Penelitian dan Evaluasi Pendidikan"}, schools: postgrad},
	"M.Si.":   {level: "S2", back: "M.Si.", majors: []string{"Ilmu Administrasi", "Ilmu Lingkungan", "Studi Pembangunan", "Manajemen dan Kebijakan Publik"}, schools: postgrad},
	"M.M.":    {level: "S2", back: "M.M.", majors: []string{"Magister Manajemen"}, schools: postgrad},
	"M.A.P.":  {level: "S2", back: "M.A.P.", majors: []string{"Administrasi Publik"}, schools: postgrad},
	"M.H.":    {level: "S2", back: "M.H.", majors: []string{"Ilmu Hukum", "Hukum Kenegaraan"}, schools: postgrad},
	"M.T.":    {level: "S2", back: "M.T.", majors: []string{"Teknik Sipil", "Magister Sistem Teknik", "Teknik Lingkungan", "Perencanaan Wilayah dan Kota"}, schools: postgrad},
	"M.Kes.":  {level: "S2", back: "M.Kes.", majors: []string{"Ilmu Kesehatan Masyarakat", "Manajemen Pelayanan Kesehatan", "Epidemiologi"}, schools: postgrad},
	"M.Kep.":  {level: "S2", back: "M.Kep.", majors: []string{"Keperawatan"}, schools: []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Muhammadiyah Yogyakarta"}},
	"M.Ak.":   {level: "S2", back: "M.Ak.", majors: []string{"Akuntansi"}, schools: postgrad},
	"M.Kom.":  {level: "S2", back: "M.Kom.", majors: []string{"Sistem Informasi", "Ilmu Komputer"}, schools: postgrad},
	"M.Sc.":   {level: "S2", back: "M.Sc.", majors: []string{"Perencanaan Kota dan Daerah", "Ilmu Lingkungan", "Ilmu Tanah"}, schools: []string{"Universitas Gadjah Mada", "Institut Pertanian Bogor"}},
	"M.P.":    {level: "S2", back: "M.P.", majors: []string{"Ilmu Tanaman", "Agribisnis"}, schools: univAgriculture},
	"M.Psi.":  {level: "S2", back: "M.Psi.", majors: []string{"Psikologi Profesi"}, schools: postgrad},
	"M.Pd.I.": {level: "S2", back: "M.Pd.I.", majors: []string{"Pendidikan Agama Islam"}, schools: []string{"Universitas Islam Negeri Sunan Kalijaga", "Universitas Islam Negeri Walisongo"}},
	"M.I.Kom": {level: "S2", back: "M.I.Kom.", majors: []string{"Ilmu Komunikasi"}, schools: postgrad},
	"Sp.PD.":  {level: "S2", back: "Sp.PD.", majors: []string{"Ilmu Penyakit Dalam"}, schools: univMedical[:3]},
	"Sp.A.":   {level: "S2", back: "Sp.A.", majors: []string{"Ilmu Kesehatan Anak"}, schools: univMedical[:3]},
	"Sp.OG.":  {level: "S2", back: "Sp.OG.", majors: []string{"Obstetri dan Ginekologi"}, schools: univMedical[:3]},
	"Sp.B.":   {level: "S2", back: "Sp.B.", majors: []string{"Ilmu Bedah"}, schools: univMedical[:3]},
	"Sp.An.":  {level: "S2", back: "Sp.An.", majors: []string{"Anestesiologi dan Terapi Intensif"}, schools: univMedical[:3]},
	"Sp.Rad.": {level: "S2", back: "Sp.Rad.", majors: []string{"Radiologi"}, schools: univMedical[:3]},
	"Sp.P.":   {level: "S2", back: "Sp.P.", majors: []string{"Pulmonologi dan Kedokteran Respirasi"}, schools: univMedical[:3]},
	"Sp.JP.":  {level: "S2", back: "Sp.JP.", majors: []string{"Kardiologi dan Kedokteran Vaskular"}, schools: univMedical[:3]},
	"Sp.M.":   {level: "S2", back: "Sp.M.", majors: []string{"Ilmu Kesehatan Mata"}, schools: univMedical[:3]},
	"Sp.N.":   {level: "S2", back: "Sp.N.", majors: []string{"Neurologi"}, schools: univMedical[:3]},
	"Sp.KJ.":  {level: "S2", back: "Sp.KJ.", majors: []string{"Ilmu Kedokteran Jiwa"}, schools: univMedical[:3]},
	// Doctorate.
	"Dr.": {level: "S3", front: "Dr.", majors: []string{"Ilmu Administrasi Publik", "Ilmu Manajemen", "Ilmu Pendidikan", "Ilmu Lingkungan", "Ilmu Hukum", "Ilmu Kesehatan Masyarakat"}, schools: []string{"Universitas Gadjah Mada", "Universitas Diponegoro", "Universitas Sebelas Maret", "Universitas Negeri Yogyakarta"}},
}

// family is a kind of non-managerial post: a functional position (JF) with
// its jenjang range, or pelaksana work. It fixes the education, degrees,
// sex ratio, share of PPPK and trainings of the people who hold it.
type family struct {
	name       string // JF name ("Perawat"); "" for pelaksana, titled by education
	ladder     *ladder
	minJ, maxJ int
	edu        []wt[string] // highest education
	deg        map[string][]string
	female     float64 // share of women; 0 takes the OPD's share
	pppk, pw   float64 // shares of PPPK and PPPK paruh waktu
	bup        int     // retirement age (batas usia pensiun)
	direct     bool    // appointed into the JF straight from CPNS
	entry      int     // golongan index at CPNS entry when it differs from education (dokter: III/b)
	gcap       int     // highest golongan index; 0 means the ladder's cap at maxJ
	fung       string  // its diklat fungsional
	teknis     []string
	field      bool   // field pelaksana: more SMA, fewer graduates
	lower      string // the keterampilan family many members began in before a degree (D3 nurse → Ners)
	// madya is the share of members who can rise to Ahli Madya (IV/a and
	// up); the others stop at Ahli Muda for want of a formation.
	madya float64
}

// generalDegrees are used when a family names none for a level.
var generalDegrees = map[string][]string{
	"D3": {"A.Md.", "A.Md.", "A.Md.Kom.", "A.Md.Ak.", "A.Md.T."},
	"D4": {"S.Tr.Kom.", "S.ST."},
	"S1": {"S.E.", "S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.AP.", "S.IP.", "S.Pd.", "S.T.", "S.Ak.", "S.M.", "S.Si.", "S.Psi.", "S.I.Kom."},
	"S2": {"M.M.", "M.Si.", "M.Si.", "M.A.P.", "M.H.", "M.Ak.", "M.T.", "M.Kom."},
}

var pelaksanaEdu = []wt[string]{{"SD", 0.4}, {"SMP", 1.4}, {"SMA", 44}, {"D3", 15}, {"D4", 1}, {"S1", 37}, {"S2", 1.2}}
var fieldEdu = []wt[string]{{"SD", 2}, {"SMP", 7}, {"SMA", 74}, {"D3", 6}, {"S1", 11}}

// pelaksanaTitles are the current pelaksana titles (clusters klerek,
// operator, teknisi) by education, with their kelas jabatan.
var pelaksanaTitles = map[string][]wt[string]{
	"low": {{"Pengadministrasi Perkantoran", 50}, {"Operator Layanan Operasional", 35}, {"Pengelola Umum Operasional", 15}},
	"D3":  {{"Pengolah Data dan Informasi", 50}, {"Pengelola Umum Operasional", 30}, {"Pengadministrasi Perkantoran", 20}},
	"S1":  {{"Penata Layanan Operasional", 45}, {"Penelaah Teknis Kebijakan", 30}, {"Pengelola Layanan Operasional", 25}},
}

var pelaksanaKelas = map[string]int{"Pengadministrasi Perkantoran": 5, "Operator Layanan Operasional": 5,
	"Pengelola Umum Operasional": 6, "Pengolah Data dan Informasi": 6, "Penata Layanan Operasional": 7,
	"Penelaah Teknis Kebijakan": 7, "Pengelola Layanan Operasional": 7}

// oldPelaksanaTitles are the pelaksana titles used before the 2022–2024
// simplification, for earlier posts in jabatan histories.
var oldPelaksanaTitles = map[string][]string{
	"low": {"Pengadministrasi Umum", "Pengadministrasi Kepegawaian", "Pengadministrasi Keuangan", "Pengemudi", "Caraka", "Pengadministrasi Persuratan"},
	"D3":  {"Pengolah Data", "Pengelola Barang Milik Daerah", "Bendahara", "Pengelola Sistem dan Jaringan"},
	"S1":  {"Penyusun Program Anggaran dan Pelaporan", "Analis Data dan Informasi", "Pengelola Keuangan", "Penyusun Laporan Keuangan", "Analis Perencanaan, Evaluasi dan Pelaporan", "Penyusun Bahan Kebijakan"},
}

func kh(name string, minJ, maxJ int, edu []wt[string], deg map[string][]string) *family {
	return &family{name: name, ladder: keahlian, minJ: minJ, maxJ: maxJ, edu: edu, deg: deg, bup: 58, pppk: 0.05,
		fung: "Pelatihan Fungsional " + name, madya: 0.45}
}

func kt(name string, minJ, maxJ int, edu []wt[string], deg map[string][]string) *family {
	return &family{name: name, ladder: keterampilan, minJ: minJ, maxJ: maxJ, edu: edu, deg: deg, bup: 58, pppk: 0.05,
		fung: "Pelatihan Fungsional " + name}
}

var (
	s1     = []wt[string]{{"S1", 88}, {"S2", 12}}
	s1only = []wt[string]{{"S1", 96}, {"S2", 4}}
	d3     = []wt[string]{{"D3", 100}}
	d3sma  = []wt[string]{{"SMA", 45}, {"D3", 55}}
)

func degs(kv ...any) map[string][]string {
	m := map[string][]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].([]string)
	}
	return m
}

var healthTeknis = []string{"Pelatihan Pencegahan dan Pengendalian Infeksi", "Pelatihan Basic Trauma Cardiac Life Support",
	"Pelatihan Pelayanan Prima Kesehatan", "Pelatihan Tata Laksana Tuberkulosis", "Pelatihan Keselamatan Pasien"}

var eduTeknis = []string{"Pelatihan Implementasi Kurikulum Merdeka", "Bimbingan Teknis Asesmen Nasional",
	"Pelatihan Pembelajaran Berdiferensiasi", "Bimbingan Teknis Penyusunan Modul Ajar", "Pelatihan Literasi dan Numerasi"}

// families lists every family the OPD catalog refers to, by name.
var families = func() map[string]*family {
	fs := map[string]*family{}
	add := func(key string, f *family, opts ...func(*family)) {
		for _, o := range opts {
			o(f)
		}
		fs[key] = f
	}
	female := func(v float64) func(*family) { return func(f *family) { f.female = v } }
	pppk := func(p, pw float64) func(*family) { return func(f *family) { f.pppk, f.pw = p, pw } }
	direct := func(f *family) { f.direct = true }
	bup60 := func(f *family) { f.bup = 60 }
	teknis := func(t ...string) func(*family) { return func(f *family) { f.teknis = t } }
	fung := func(s string) func(*family) { return func(f *family) { f.fung = s } }
	lower := func(key string) func(*family) { return func(f *family) { f.lower = key } }

	add("pelaksana", &family{edu: pelaksanaEdu, bup: 58, pppk: 0.12, pw: 0.08})
	add("pelaksana-lapangan", &family{edu: fieldEdu, bup: 58, pppk: 0.10, pw: 0.14, field: true})
	add("pelaksana-kesehatan", &family{edu: pelaksanaEdu, bup: 58, pppk: 0.2, pw: 0.1, female: 0.6})
	add("pelaksana-sekolah", &family{edu: pelaksanaEdu, bup: 58, pppk: 0.15, pw: 0.2, female: 0.5})

	add("guru", kh("Guru", 0, 2, []wt[string]{{"S1", 90}, {"S2", 9}, {"D4", 1}},
		degs("S1", []string{"S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.SD.", "S.Pd.I.", "S.Si.", "S.S."},
			"D4", []string{"S.ST."}, "S2", []string{"M.Pd.", "M.Pd.", "M.Pd.", "M.Si.", "M.Pd.I."})),
		female(0.7), pppk(0.33, 0.03), direct, bup60, func(f *family) { f.gcap, f.madya = golIVb, 0.7 },
		fung("Pendidikan Profesi Guru Dalam Jabatan"), teknis(eduTeknis...))
	add("pengawas-sekolah", kh("Pengawas Sekolah", 1, 2, []wt[string]{{"S1", 35}, {"S2", 65}},
		degs("S1", []string{"S.Pd."}, "S2", []string{"M.Pd."})), female(0.5), bup60, teknis(eduTeknis...))
	add("penilik", kh("Penilik", 0, 2, s1, degs("S1", []string{"S.Pd."}, "S2", []string{"M.Pd."})), female(0.6), teknis(eduTeknis...))
	add("pamong-budaya", kh("Pamong Budaya", 0, 1, s1, degs("S1", []string{"S.S.", "S.Sn.", "S.Pd.", "S.Hum."}, "S2", []string{"M.Si.", "M.Pd."})))
	add("pustakawan", kh("Pustakawan", 0, 2, s1, degs("S1", []string{"S.Hum.", "S.IP.", "S.Sos."}, "S2", []string{"M.Si."})), female(0.65), lower("pustakawan-t"))
	add("pustakawan-t", kt("Pustakawan", 1, 3, d3, degs("D3", []string{"A.Md."})), female(0.65))
	add("arsiparis", kh("Arsiparis", 0, 2, s1, degs("S1", []string{"S.IP.", "S.Sos.", "S.AP.", "S.Hum."})), female(0.6), lower("arsiparis-t"))
	add("arsiparis-t", kt("Arsiparis", 1, 3, d3, degs("D3", []string{"A.Md."})), female(0.6))

	add("dokter", kh("Dokter", 0, 2, []wt[string]{{"S1", 90}, {"S2", 10}}, degs("S1", []string{"dr."}, "S2", []string{"M.Kes."})),
		female(0.58), pppk(0.12, 0), direct, func(f *family) { f.entry = golIIIb }, teknis(healthTeknis...))
	add("dokter-spesialis", kh("Dokter", 1, 2, []wt[string]{{"S2", 100}}, degs("S1", []string{"dr."},
		"S2", []string{"Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.P.", "Sp.JP.", "Sp.M.", "Sp.N.", "Sp.KJ."})),
		female(0.45), pppk(0.1, 0), direct, bup60, func(f *family) { f.entry = golIIIc }, teknis(healthTeknis...))
	add("dokter-gigi", kh("Dokter Gigi", 0, 2, s1only, degs("S1", []string{"drg."}, "S2", []string{"M.Kes."})),
		female(0.72), pppk(0.1, 0), direct, func(f *family) { f.entry = golIIIb }, teknis(healthTeknis...))
	add("perawat", kh("Perawat", 0, 2, []wt[string]{{"S1", 93}, {"S2", 7}}, degs("S1", []string{"Ns."}, "S2", []string{"M.Kep.", "M.Kes."})),
		female(0.72), pppk(0.3, 0.03), direct, teknis(healthTeknis...), lower("perawat-t"))
	add("perawat-t", kt("Perawat", 1, 3, d3, degs("D3", []string{"A.Md.Kep."})),
		female(0.72), pppk(0.35, 0.05), direct, teknis(healthTeknis...))
	add("bidan", kh("Bidan", 0, 1, []wt[string]{{"D4", 60}, {"S1", 40}}, degs("D4", []string{"S.Tr.Keb."}, "S1", []string{"S.Keb."})),
		female(1), pppk(0.3, 0.03), direct, teknis(append([]string{"Pelatihan Asuhan Persalinan Normal"}, healthTeknis...)...), lower("bidan-t"))
	add("bidan-t", kt("Bidan", 1, 3, d3, degs("D3", []string{"A.Md.Keb."})),
		female(1), pppk(0.3, 0.05), direct, teknis(append([]string{"Pelatihan Asuhan Persalinan Normal"}, healthTeknis...)...))
	add("apoteker", kh("Apoteker", 0, 2, s1only, degs("S1", []string{"apt."}, "S2", []string{"M.Kes."})), female(0.8), pppk(0.2, 0), direct, teknis(healthTeknis...))
	add("asisten-apoteker", kt("Asisten Apoteker", 1, 3, d3, degs("D3", []string{"A.Md.Farm."})), female(0.8), pppk(0.3, 0.04), direct, teknis(healthTeknis...))
	add("pranata-lab", kt("Pranata Laboratorium Kesehatan", 1, 3, d3, degs("D3", []string{"A.Md.AK."})), female(0.7), pppk(0.25, 0.03), direct, teknis(healthTeknis...))
	add("nutrisionis", kt("Nutrisionis", 1, 3, d3, degs("D3", []string{"A.Md.Gz."})), female(0.85), pppk(0.25, 0.03), direct, teknis(healthTeknis...))
	add("radiografer", kt("Radiografer", 1, 3, d3, degs("D3", []string{"A.Md.Rad."})), female(0.4), pppk(0.25, 0), direct, teknis(healthTeknis...))
	add("sanitarian", kt("Sanitarian", 1, 3, d3, degs("D3", []string{"A.Md.KL."})), female(0.5), pppk(0.25, 0.03), direct, teknis(healthTeknis...))
	add("perekam-medis", kt("Perekam Medis", 1, 3, d3, degs("D3", []string{"A.Md.Kes."})), female(0.7), pppk(0.3, 0.05), direct)
	add("fisioterapis", kt("Fisioterapis", 1, 3, d3, degs("D3", []string{"A.Md.Ftr."})), female(0.6), pppk(0.25, 0), direct, teknis(healthTeknis...))
	add("teknisi-elektromedis", kt("Teknisi Elektromedis", 1, 3, d3, degs("D3", []string{"A.Md.T."})), female(0.2), pppk(0.25, 0), direct)
	add("penata-anestesi", kt("Penata Anestesi", 1, 3, []wt[string]{{"D3", 60}, {"D4", 40}}, degs("D3", []string{"A.Md.Kep."}, "D4", []string{"S.Tr.Kes."})), female(0.4), pppk(0.2, 0), direct)
	add("penyuluh-kesehatan", kh("Penyuluh Kesehatan Masyarakat", 0, 2, s1, degs("S1", []string{"S.K.M."}, "S2", []string{"M.Kes."})), female(0.7), pppk(0.15, 0), teknis(healthTeknis...))
	add("epidemiolog", kh("Epidemiolog Kesehatan", 0, 2, s1, degs("S1", []string{"S.K.M."}, "S2", []string{"M.Kes."})), female(0.6), teknis(healthTeknis...))
	add("administrator-kesehatan", kh("Administrator Kesehatan", 0, 2, s1, degs("S1", []string{"S.K.M."}, "S2", []string{"M.Kes."})), female(0.6))

	add("analis-sdm", kh("Analis Sumber Daya Manusia Aparatur", 0, 2, s1, degs("S1", []string{"S.E.", "S.H.", "S.Sos.", "S.Psi.", "S.AP.", "S.IP."})),
		teknis("Bimbingan Teknis Manajemen Talenta ASN", "Pelatihan Penyusunan Analisis Jabatan dan Analisis Beban Kerja", "Bimbingan Teknis Aplikasi SIASN"))
	add("pranata-sdm", kt("Pranata Sumber Daya Manusia Aparatur", 1, 3, d3sma, degs("D3", []string{"A.Md."})),
		teknis("Bimbingan Teknis Aplikasi SIASN", "Bimbingan Teknis Tata Naskah Dinas"))
	add("asesor-sdm", kh("Asesor Sumber Daya Manusia Aparatur", 0, 1, s1, degs("S1", []string{"S.Psi."}, "S2", []string{"M.Psi."})), female(0.6))
	add("auditor", kh("Auditor", 0, 2, s1, degs("S1", []string{"S.E.", "S.Ak.", "S.E."}, "S2", []string{"M.Ak.", "M.Si."})),
		fung("Pelatihan Pembentukan Auditor"), teknis("Pelatihan Audit Berbasis Risiko", "Pelatihan Reviu Laporan Keuangan"))
	add("p2upd", kh("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", 0, 2, s1, degs("S1", []string{"S.H.", "S.IP.", "S.Sos.", "S.T."})),
		teknis("Pelatihan Audit Berbasis Risiko", "Pelatihan Pengawasan Dana Desa"))
	add("perencana", kh("Perencana", 0, 2, []wt[string]{{"S1", 65}, {"S2", 35}}, degs("S1", []string{"S.E.", "S.T.", "S.P.", "S.Si.", "S.Sos.", "S.PWK."}, "S2", []string{"M.Si.", "M.T.", "M.Sc.", "M.M."})),
		teknis("Bimbingan Teknis Aplikasi SIPD", "Pelatihan Perencanaan Pembangunan Daerah"))
	add("peneliti", kh("Peneliti", 0, 2, []wt[string]{{"S1", 50}, {"S2", 50}}, degs("S1", []string{"S.Si.", "S.T.", "S.E.", "S.Sos."}, "S2", []string{"M.Si.", "M.Sc.", "M.T."})))
	add("pranata-komputer", kh("Pranata Komputer", 0, 2, s1, degs("S1", []string{"S.Kom.", "S.Kom.", "S.T."}, "S2", []string{"M.Kom."})), female(0.35),
		teknis("Pelatihan Keamanan Informasi", "Bimbingan Teknis Sistem Pemerintahan Berbasis Elektronik", "Pelatihan Pengembangan Aplikasi Web"), lower("pranata-komputer-t"))
	add("pranata-komputer-t", kt("Pranata Komputer", 1, 3, d3, degs("D3", []string{"A.Md.Kom."})), female(0.35),
		teknis("Pelatihan Keamanan Informasi", "Pelatihan Administrasi Jaringan"))
	add("humas", kh("Pranata Hubungan Masyarakat", 0, 2, s1, degs("S1", []string{"S.I.Kom.", "S.Sos.", "S.I.Kom."})), female(0.55))
	add("statistisi", kh("Statistisi", 0, 1, s1only, degs("S1", []string{"S.Si.", "S.Stat."})), female(0.55))
	add("manggala-informatika", kh("Manggala Informatika", 0, 1, s1only, degs("S1", []string{"S.Kom.", "S.T."})), female(0.3))
	add("analis-kebijakan", kh("Analis Kebijakan", 0, 2, []wt[string]{{"S1", 60}, {"S2", 40}}, degs("S1", []string{"S.IP.", "S.Sos.", "S.E.", "S.H.", "S.STP."}, "S2", []string{"M.Si.", "M.A.P.", "M.M."})))
	add("perancang", kh("Perancang Peraturan Perundang-undangan", 0, 2, s1, degs("S1", []string{"S.H."}, "S2", []string{"M.H."})),
		teknis("Pelatihan Legal Drafting", "Bimbingan Teknis Harmonisasi Produk Hukum Daerah"))
	add("analis-hukum", kh("Analis Hukum", 0, 2, s1, degs("S1", []string{"S.H."}, "S2", []string{"M.H."})), teknis("Pelatihan Legal Drafting"))
	add("pengadaan", kh("Pengelola Pengadaan Barang/Jasa", 0, 2, s1, degs("S1", []string{"S.T.", "S.E.", "S.Kom."})),
		teknis("Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "Bimbingan Teknis e-Katalog"))
	add("analis-keuangan", kh("Analis Keuangan Pusat dan Daerah", 0, 2, s1, degs("S1", []string{"S.E.", "S.Ak.", "S.E."}, "S2", []string{"M.Ak.", "M.Si."})),
		teknis("Bimbingan Teknis Aplikasi SIPD", "Pelatihan Akuntansi Berbasis Akrual", "Pelatihan Pengelolaan Keuangan Daerah"))
	add("penata-barang", kt("Penata Laksana Barang", 1, 3, d3sma, degs("D3", []string{"A.Md.", "A.Md.Ak."})), teknis("Bimbingan Teknis Pengelolaan Barang Milik Daerah"))
	add("teknik-jalan", kh("Teknik Jalan dan Jembatan", 0, 2, s1, degs("S1", []string{"S.T."}, "S2", []string{"M.T."})), female(0.25),
		teknis("Pelatihan Ahli K3 Konstruksi", "Pelatihan Perencanaan Teknis Jalan"))
	add("teknik-pengairan", kh("Teknik Pengairan", 0, 2, s1, degs("S1", []string{"S.T."}, "S2", []string{"M.T."})), female(0.25))
	add("teknik-bangunan", kh("Teknik Tata Bangunan dan Perumahan", 0, 2, s1, degs("S1", []string{"S.T."}, "S2", []string{"M.T."})), female(0.3),
		teknis("Bimbingan Teknis Sistem Informasi Manajemen Bangunan Gedung", "Pelatihan Ahli K3 Konstruksi"))
	add("penata-ruang", kh("Penata Ruang", 0, 2, s1, degs("S1", []string{"S.T.", "S.PWK."}, "S2", []string{"M.T.", "M.Sc."})), female(0.4))
	add("polpp", kt("Polisi Pamong Praja", 0, 3, []wt[string]{{"SMA", 72}, {"D3", 28}}, degs("D3", []string{"A.Md."})), female(0.13), pppk(0.08, 0.06),
		fung("Pendidikan dan Pelatihan Dasar Polisi Pamong Praja"))
	add("polpp-ahli", kh("Polisi Pamong Praja", 0, 1, s1, degs("S1", []string{"S.H.", "S.Sos.", "S.IP."})), female(0.2),
		fung("Pendidikan dan Pelatihan Dasar Polisi Pamong Praja"))
	add("pemadam", kt("Pemadam Kebakaran", 0, 3, []wt[string]{{"SMA", 85}, {"D3", 15}}, degs("D3", []string{"A.Md.T."})), female(0.04), pppk(0.1, 0.08),
		fung("Pelatihan Pemadam Kebakaran Tingkat Dasar"))
	add("analis-kebakaran", kh("Analis Kebakaran", 0, 1, s1only, degs("S1", []string{"S.T."})), female(0.15))
	add("penguji-kendaraan", kt("Penguji Kendaraan Bermotor", 1, 3, []wt[string]{{"SMA", 30}, {"D3", 70}}, degs("D3", []string{"A.Md.T."})), female(0.1))
	add("penyuluh-pertanian", kh("Penyuluh Pertanian", 0, 2, s1, degs("S1", []string{"S.P.", "S.Pt.", "S.P."}, "S2", []string{"M.P."})), female(0.4), lower("penyuluh-pertanian-t"))
	add("penyuluh-pertanian-t", kt("Penyuluh Pertanian", 1, 3, d3, degs("D3", []string{"A.Md.P."})), female(0.35))
	add("medik-veteriner", kh("Medik Veteriner", 0, 2, s1only, degs("S1", []string{"drh."})), female(0.5), func(f *family) { f.entry = golIIIb })
	add("penyuluh-perikanan", kh("Penyuluh Perikanan", 0, 1, s1only, degs("S1", []string{"S.Pi."})), female(0.4))
	add("analis-pangan", kh("Analis Ketahanan Pangan", 0, 1, s1only, degs("S1", []string{"S.T.P.", "S.P."})), female(0.55))
	add("pengendali-dampak", kh("Pengendali Dampak Lingkungan", 0, 2, s1, degs("S1", []string{"S.T.", "S.Si."}, "S2", []string{"M.Sc.", "M.Si."})), female(0.45))
	add("pengawas-lh", kh("Pengawas Lingkungan Hidup", 0, 1, s1only, degs("S1", []string{"S.T.", "S.Si."})), female(0.4))
	add("penyuluh-kb", kh("Penyuluh Keluarga Berencana", 0, 2, s1, degs("S1", []string{"S.Sos.", "S.Pd.", "S.K.M."})), female(0.62), pppk(0.15, 0))
	add("pekerja-sosial", kh("Pekerja Sosial", 0, 2, []wt[string]{{"S1", 75}, {"D4", 25}}, degs("S1", []string{"S.Sos."}, "D4", []string{"S.Tr.Sos."})), female(0.6))
	add("penyuluh-sosial", kh("Penyuluh Sosial", 0, 1, s1only, degs("S1", []string{"S.Sos."})), female(0.55))
	add("adminduk", kh("Administrator Database Kependudukan", 0, 1, s1only, degs("S1", []string{"S.Kom.", "S.T."})), female(0.4))
	add("mediator", kh("Mediator Hubungan Industrial", 0, 2, s1, degs("S1", []string{"S.H."}, "S2", []string{"M.H."})), female(0.4))
	add("instruktur", kh("Instruktur", 0, 1, s1only, degs("S1", []string{"S.T.", "S.Pd.", "S.Kom."})), female(0.35))
	add("penera", kt("Penera", 1, 3, []wt[string]{{"SMA", 35}, {"D3", 65}}, degs("D3", []string{"A.Md.T."})), female(0.25), fung("Pelatihan Dasar Metrologi Legal"))
	add("pengawas-perdagangan", kh("Pengawas Perdagangan", 0, 1, s1only, degs("S1", []string{"S.E.", "S.H."})))
	add("pengawas-koperasi", kh("Pengawas Koperasi", 0, 1, s1only, degs("S1", []string{"S.E."})))
	add("psm", kh("Penggerak Swadaya Masyarakat", 0, 2, s1, degs("S1", []string{"S.Sos.", "S.IP."})))
	add("adyatama", kh("Adyatama Kepariwisataan dan Ekonomi Kreatif", 0, 1, s1only, degs("S1", []string{"S.Par.", "S.E."})), female(0.55))
	add("penanggulangan-bencana", kh("Penata Penanggulangan Bencana", 0, 1, s1only, degs("S1", []string{"S.T.", "S.Sos.", "S.Si."})), female(0.3))
	return fs
}()

// sekretariatStaff is the staff every OPD secretariat has, as expected
// headcounts at 6,000 employees.
var sekretariatStaff = []staffSpec{
	{"analis-sdm", 1.5, "Sekretariat"}, {"arsiparis", 0.8, "Sekretariat"}, {"arsiparis-t", 0.4, "Sekretariat"},
	{"perencana", 1, "Sekretariat"}, {"analis-keuangan", 1.2, "Sekretariat"}, {"pranata-komputer", 0.4, "Sekretariat"},
	{"pranata-komputer-t", 0.3, "Sekretariat"}, {"penata-barang", 0.6, "Sekretariat"}, {"pranata-sdm", 0.5, "Sekretariat"},
}

// staffSpec says how many people of a family an OPD has (at 6,000
// employees) and in which of its units: those whose name starts with where,
// or every staff unit when where is "".
type staffSpec struct {
	fam   string
	n     float64
	where string
}

// opdSpec is one perangkat daerah: its sub-units and staff. Unit names may
// hold the tokens {puskesmas}, {sd} and {smp}, expanded per agency; a unit
// named "Sekretariat" becomes "Sekretariat <OPD name>".
type opdSpec struct {
	name     string
	head     string // head's position; "" gives "Kepala <name>"
	female   float64
	critical bool
	deg      map[string][]string // degrees typical of its managers, by level
	units    []string
	staff    []staffSpec
}

var opds = []opdSpec{
	{name: "Sekretariat Daerah", deg: degGov, head: "Sekretaris Daerah", female: 0.45, critical: true,
		units: []string{"Bagian Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum", "Bagian Perekonomian dan Kesejahteraan Rakyat",
			"Bagian Pengadaan Barang dan Jasa", "Bagian Protokol dan Komunikasi Pimpinan"},
		staff: []staffSpec{{"pelaksana", 85, ""}, {"analis-kebijakan", 10, ""}, {"perancang", 6, "Bagian Hukum"}, {"analis-hukum", 5, "Bagian Hukum"},
			{"pengadaan", 8, "Bagian Pengadaan"}, {"humas", 7, "Bagian Protokol"}, {"arsiparis", 3, "Bagian Umum"}, {"analis-sdm", 3, "Bagian Umum"},
			{"perencana", 3, "Bagian Umum"}, {"analis-keuangan", 4, "Bagian Umum"}, {"pranata-komputer", 3, "Bagian Organisasi"}, {"pelaksana-lapangan", 12, "Bagian Umum"}}},
	{name: "Sekretariat DPRD", head: "Sekretaris DPRD", female: 0.45,
		units: []string{"Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan", "Bagian Fasilitasi Penganggaran dan Pengawasan"},
		staff: []staffSpec{{"pelaksana", 38, ""}, {"analis-hukum", 3, "Bagian Persidangan"}, {"perancang", 2, "Bagian Persidangan"},
			{"analis-kebijakan", 3, ""}, {"humas", 2, ""}, {"analis-keuangan", 3, "Bagian Umum"}, {"arsiparis", 2, "Bagian Umum"}}},
	{name: "Inspektorat Daerah", deg: degFinance, head: "Inspektur Daerah", female: 0.45, critical: true,
		units: []string{"Sekretariat", "Inspektorat Pembantu Wilayah I", "Inspektorat Pembantu Wilayah II", "Inspektorat Pembantu Wilayah III", "Inspektorat Pembantu Khusus"},
		staff: []staffSpec{{"pelaksana", 12, ""}, {"auditor", 22, "Inspektorat Pembantu"}, {"p2upd", 14, "Inspektorat Pembantu"}}},
	{name: "Badan Perencanaan Pembangunan Daerah", female: 0.5, critical: true,
		units: []string{"Sekretariat", "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", "Bidang Perencanaan Perekonomian dan Sumber Daya Alam",
			"Bidang Perencanaan Infrastruktur dan Pengembangan Wilayah", "Bidang Pengendalian, Evaluasi dan Data Pembangunan"},
		staff: []staffSpec{{"pelaksana", 16, ""}, {"perencana", 22, "Bidang"}, {"analis-kebijakan", 3, "Bidang"}, {"statistisi", 2, "Bidang Pengendalian"}}},
	{name: "Badan Riset dan Inovasi Daerah", female: 0.5,
		units: []string{"Sekretariat", "Bidang Riset dan Pengembangan", "Bidang Inovasi dan Teknologi"},
		staff: []staffSpec{{"pelaksana", 9, ""}, {"peneliti", 6, "Bidang"}, {"analis-kebijakan", 3, "Bidang"}}},
	{name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", female: 0.55, critical: true,
		units: []string{"Sekretariat", "Bidang Pengadaan, Pemberhentian dan Informasi", "Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi Aparatur",
			"Bidang Penilaian Kinerja dan Penghargaan"},
		staff: []staffSpec{{"pelaksana", 22, ""}, {"analis-sdm", 20, "Bidang"}, {"pranata-sdm", 8, "Bidang"}, {"asesor-sdm", 4, "Bidang Pengembangan"},
			{"pranata-komputer", 2, "Bidang Pengadaan"}}},
	{name: "Badan Pengelolaan Keuangan dan Aset Daerah", deg: degFinance, female: 0.55, critical: true,
		units: []string{"Sekretariat", "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi dan Pelaporan", "Bidang Pengelolaan Barang Milik Daerah"},
		staff: []staffSpec{{"pelaksana", 38, ""}, {"analis-keuangan", 22, "Bidang"}, {"penata-barang", 6, "Bidang Pengelolaan Barang"}}},
	{name: "Badan Pendapatan Daerah", deg: degFinance, female: 0.5, critical: true,
		units: []string{"Sekretariat", "Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Pengendalian", "UPTD Pengelolaan Pajak Daerah"},
		staff: []staffSpec{{"pelaksana", 40, ""}, {"analis-keuangan", 8, "Bidang"}}},
	{name: "Badan Kesatuan Bangsa dan Politik", deg: degGov, female: 0.4,
		units: []string{"Sekretariat", "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"},
		staff: []staffSpec{{"pelaksana", 16, ""}, {"analis-kebijakan", 4, "Bidang"}}},
	{name: "Badan Penanggulangan Bencana Daerah", head: "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", female: 0.25,
		units: []string{"Sekretariat", "Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik", "Bidang Rehabilitasi dan Rekonstruksi"},
		staff: []staffSpec{{"pelaksana", 10, ""}, {"pelaksana-lapangan", 14, "Bidang Kedaruratan"}, {"penanggulangan-bencana", 6, "Bidang"}}},
	{name: "Dinas Pendidikan dan Kebudayaan", deg: degEdu, female: 0.62,
		units: []string{"Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama", "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
			"Bidang Kebudayaan", "{sd}", "{smp}"},
		staff: []staffSpec{{"guru", 1250, "SD Negeri"}, {"guru", 700, "SMP Negeri"}, {"pelaksana-sekolah", 45, "SMP Negeri"}, {"pelaksana-sekolah", 30, "SD Negeri"},
			{"pelaksana", 30, ""}, {"pengawas-sekolah", 14, "Bidang Pembinaan"}, {"penilik", 6, "Bidang Pendidikan Anak"}, {"pamong-budaya", 5, "Bidang Kebudayaan"}}},
	{name: "Dinas Kesehatan", deg: degHealth, female: 0.68,
		units: []string{"Sekretariat", "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Pelayanan dan Sumber Daya Kesehatan", "{puskesmas}"},
		staff: []staffSpec{{"pelaksana-kesehatan", 40, ""}, {"dokter", 28, "UPTD Puskesmas"}, {"dokter-gigi", 8, "UPTD Puskesmas"}, {"perawat", 40, "UPTD Puskesmas"},
			{"perawat-t", 50, "UPTD Puskesmas"}, {"bidan-t", 55, "UPTD Puskesmas"}, {"bidan", 20, "UPTD Puskesmas"}, {"apoteker", 7, "UPTD Puskesmas"},
			{"asisten-apoteker", 12, "UPTD Puskesmas"}, {"pranata-lab", 12, "UPTD Puskesmas"}, {"nutrisionis", 10, "UPTD Puskesmas"}, {"sanitarian", 10, "UPTD Puskesmas"},
			{"perekam-medis", 8, "UPTD Puskesmas"}, {"penyuluh-kesehatan", 12, ""}, {"epidemiolog", 6, "Bidang Pencegahan"}, {"administrator-kesehatan", 8, "Bidang"}}},
	{name: "Rumah Sakit Umum Daerah {rsud}", deg: degHospital, head: "Direktur Rumah Sakit Umum Daerah {rsud}", female: 0.66, critical: true,
		units: []string{"Bagian Tata Usaha Rumah Sakit", "Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang Medik dan Nonmedik",
			"Instalasi Rawat Inap", "Instalasi Rawat Jalan dan Gawat Darurat"},
		staff: []staffSpec{{"pelaksana-kesehatan", 95, ""}, {"dokter", 22, "Instalasi"}, {"dokter-spesialis", 38, "Instalasi"}, {"dokter-gigi", 3, "Instalasi Rawat Jalan"},
			{"perawat", 120, "Instalasi"}, {"perawat-t", 190, "Instalasi"}, {"bidan-t", 30, "Instalasi Rawat Inap"}, {"bidan", 10, "Instalasi Rawat Inap"},
			{"apoteker", 8, "Bidang Penunjang"}, {"asisten-apoteker", 22, "Bidang Penunjang"}, {"pranata-lab", 18, "Bidang Penunjang"},
			{"radiografer", 10, "Bidang Penunjang"}, {"nutrisionis", 10, "Bidang Penunjang"}, {"fisioterapis", 7, "Instalasi Rawat Jalan"},
			{"perekam-medis", 14, "Bidang Pelayanan"}, {"teknisi-elektromedis", 5, "Bidang Penunjang"}, {"penata-anestesi", 8, "Instalasi Rawat Inap"},
			{"administrator-kesehatan", 5, "Bidang"}, {"analis-keuangan", 4, "Bagian Tata Usaha"}, {"analis-sdm", 3, "Bagian Tata Usaha"}, {"pranata-komputer", 2, "Bagian Tata Usaha"}}},
	{name: "Dinas Pekerjaan Umum dan Penataan Ruang", deg: degTech, female: 0.3,
		units: []string{"Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya", "Bidang Penataan Ruang", "UPTD Pengelolaan Air Limbah Domestik"},
		staff: []staffSpec{{"pelaksana", 30, ""}, {"pelaksana-lapangan", 40, ""}, {"teknik-jalan", 10, "Bidang Bina Marga"}, {"teknik-pengairan", 7, "Bidang Sumber Daya Air"},
			{"teknik-bangunan", 8, "Bidang Cipta Karya"}, {"penata-ruang", 5, "Bidang Penataan Ruang"}}},
	{name: "Dinas Perumahan dan Kawasan Permukiman", deg: degTech, female: 0.35,
		units: []string{"Sekretariat", "Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertamanan dan Penerangan Jalan Umum"},
		staff: []staffSpec{{"pelaksana", 22, ""}, {"pelaksana-lapangan", 40, "Bidang Pertamanan"}, {"teknik-bangunan", 8, "Bidang"}}},
	{name: "Dinas Perhubungan", deg: degTech, female: 0.2,
		units: []string{"Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Prasarana dan Perparkiran", "UPTD Terminal Penumpang", "UPTD Pengujian Kendaraan Bermotor"},
		staff: []staffSpec{{"pelaksana", 25, ""}, {"pelaksana-lapangan", 60, ""}, {"penguji-kendaraan", 10, "UPTD Pengujian"}}},
	{name: "Satuan Polisi Pamong Praja", deg: degGov, head: "Kepala Satuan Polisi Pamong Praja", female: 0.2,
		units: []string{"Sekretariat", "Bidang Penegakan Peraturan Daerah", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat", "Bidang Perlindungan Masyarakat"},
		staff: []staffSpec{{"pelaksana", 14, ""}, {"polpp", 70, "Bidang"}, {"polpp-ahli", 6, "Bidang"}, {"pelaksana-lapangan", 10, "Bidang Perlindungan"}}},
	{name: "Dinas Pemadam Kebakaran dan Penyelamatan", female: 0.1,
		units: []string{"Sekretariat", "Bidang Pencegahan Kebakaran", "Bidang Pemadaman dan Penyelamatan", "UPTD Pos Pemadam Kebakaran"},
		staff: []staffSpec{{"pelaksana", 8, ""}, {"pemadam", 52, ""}, {"analis-kebakaran", 3, "Bidang Pencegahan"}}},
	{name: "Dinas Lingkungan Hidup", deg: degTech, female: 0.3,
		units: []string{"Sekretariat", "Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah dan Limbah", "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", "UPTD Tempat Pemrosesan Akhir Sampah"},
		staff: []staffSpec{{"pelaksana", 20, ""}, {"pelaksana-lapangan", 95, "Bidang Pengelolaan Sampah"}, {"pelaksana-lapangan", 15, "UPTD"},
			{"pengendali-dampak", 8, "Bidang"}, {"pengawas-lh", 4, "Bidang Pengendalian"}}},
	{name: "Dinas Kependudukan dan Pencatatan Sipil", female: 0.55,
		units: []string{"Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil", "Bidang Pengelolaan Informasi Administrasi Kependudukan"},
		staff: []staffSpec{{"pelaksana", 38, ""}, {"adminduk", 6, "Bidang Pengelolaan"}}},
	{name: "Dinas Sosial", female: 0.55,
		units: []string{"Sekretariat", "Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial", "Bidang Pemberdayaan Sosial"},
		staff: []staffSpec{{"pelaksana", 26, ""}, {"pekerja-sosial", 10, "Bidang"}, {"penyuluh-sosial", 4, "Bidang Pemberdayaan"}}},
	{name: "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", female: 0.7,
		units: []string{"Sekretariat", "Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak", "UPTD Perlindungan Perempuan dan Anak"},
		staff: []staffSpec{{"pelaksana", 20, ""}, {"pekerja-sosial", 3, "UPTD"}, {"analis-kebijakan", 2, "Bidang"}}},
	{name: "Dinas Pengendalian Penduduk dan Keluarga Berencana", female: 0.62,
		units: []string{"Sekretariat", "Bidang Pengendalian Penduduk", "Bidang Keluarga Berencana", "Bidang Ketahanan dan Kesejahteraan Keluarga"},
		staff: []staffSpec{{"pelaksana", 15, ""}, {"penyuluh-kb", 30, "Bidang"}}},
	{name: "Dinas Tenaga Kerja", female: 0.45,
		units: []string{"Sekretariat", "Bidang Pelatihan dan Penempatan Tenaga Kerja", "Bidang Hubungan Industrial", "UPTD Balai Latihan Kerja"},
		staff: []staffSpec{{"pelaksana", 18, ""}, {"mediator", 4, "Bidang Hubungan"}, {"instruktur", 7, "UPTD Balai"}}},
	{name: "Dinas Koperasi dan Usaha Mikro", female: 0.55,
		units: []string{"Sekretariat", "Bidang Koperasi", "Bidang Usaha Mikro"},
		staff: []staffSpec{{"pelaksana", 17, ""}, {"pengawas-koperasi", 4, "Bidang Koperasi"}}},
	{name: "Dinas Perdagangan dan Perindustrian", female: 0.45,
		units: []string{"Sekretariat", "Bidang Perdagangan", "Bidang Perindustrian", "UPTD Pengelolaan Pasar", "UPTD Metrologi Legal"},
		staff: []staffSpec{{"pelaksana", 25, ""}, {"pelaksana-lapangan", 30, "UPTD Pengelolaan Pasar"}, {"penera", 5, "UPTD Metrologi"},
			{"pengawas-perdagangan", 3, "Bidang Perdagangan"}}},
	{name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", female: 0.55,
		units: []string{"Sekretariat", "Bidang Penanaman Modal", "Bidang Pelayanan Perizinan", "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan"},
		staff: []staffSpec{{"pelaksana", 28, ""}, {"analis-kebijakan", 3, "Bidang"}}},
	{name: "Dinas Komunikasi, Informatika dan Statistik", female: 0.4,
		units: []string{"Sekretariat", "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika", "Bidang Statistik dan Persandian"},
		staff: []staffSpec{{"pelaksana", 18, ""}, {"pranata-komputer", 9, "Bidang Aplikasi"}, {"pranata-komputer-t", 4, "Bidang Aplikasi"},
			{"humas", 6, "Bidang Informasi"}, {"statistisi", 3, "Bidang Statistik"}, {"manggala-informatika", 3, "Bidang Aplikasi"}}},
	{name: "Dinas Pertanian, Peternakan dan Perikanan", deg: degAgri, female: 0.4,
		units: []string{"Sekretariat", "Bidang Pertanian", "Bidang Peternakan dan Kesehatan Hewan", "Bidang Perikanan", "UPTD Rumah Potong Hewan"},
		staff: []staffSpec{{"pelaksana", 20, ""}, {"pelaksana-lapangan", 10, "UPTD"}, {"penyuluh-pertanian", 12, "Bidang Pertanian"}, {"penyuluh-pertanian-t", 6, "Bidang Pertanian"},
			{"medik-veteriner", 4, "Bidang Peternakan"}, {"penyuluh-perikanan", 3, "Bidang Perikanan"}}},
	{name: "Dinas Ketahanan Pangan", deg: degAgri, female: 0.5,
		units: []string{"Sekretariat", "Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"},
		staff: []staffSpec{{"pelaksana", 14, ""}, {"analis-pangan", 6, "Bidang"}}},
	{name: "Dinas Kepemudaan dan Olahraga", female: 0.35,
		units: []string{"Sekretariat", "Bidang Kepemudaan", "Bidang Olahraga", "UPTD Pengelolaan Gelanggang Olahraga"},
		staff: []staffSpec{{"pelaksana", 18, ""}, {"pelaksana-lapangan", 8, "UPTD"}}},
	{name: "Dinas Pariwisata", female: 0.5,
		units: []string{"Sekretariat", "Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata dan Ekonomi Kreatif"},
		staff: []staffSpec{{"pelaksana", 20, ""}, {"adyatama", 6, "Bidang"}}},
	{name: "Dinas Perpustakaan dan Kearsipan", female: 0.6,
		units: []string{"Sekretariat", "Bidang Perpustakaan", "Bidang Kearsipan"},
		staff: []staffSpec{{"pelaksana", 18, ""}, {"pustakawan", 8, "Bidang Perpustakaan"}, {"pustakawan-t", 5, "Bidang Perpustakaan"},
			{"arsiparis", 6, "Bidang Kearsipan"}, {"arsiparis-t", 4, "Bidang Kearsipan"}}},
	{name: "Dinas Pertanahan", female: 0.4,
		units: []string{"Sekretariat", "Bidang Pengadaan dan Penataan Tanah", "Bidang Penyelesaian Sengketa Pertanahan"},
		staff: []staffSpec{{"pelaksana", 15, ""}, {"analis-hukum", 2, "Bidang Penyelesaian"}}},
	{name: "Dinas Pemberdayaan Masyarakat", female: 0.45,
		units: []string{"Sekretariat", "Bidang Pemberdayaan Lembaga Kemasyarakatan", "Bidang Pemberdayaan Usaha Ekonomi Masyarakat"},
		staff: []staffSpec{{"pelaksana", 14, ""}, {"psm", 6, "Bidang"}}},
}

// Degrees of managers by sector; other OPDs use generalDegrees and S.STP.
var (
	degGov      = degs("S1", []string{"S.STP.", "S.STP.", "S.IP.", "S.Sos.", "S.H."}, "S2", []string{"M.Si.", "M.A.P.", "M.M.", "M.H."})
	degFinance  = degs("S1", []string{"S.E.", "S.E.", "S.Ak."}, "S2", []string{"M.Ak.", "M.Si.", "M.M."})
	degEdu      = degs("S1", []string{"S.Pd.", "S.Pd.", "S.Pd.", "S.Sos."}, "S2", []string{"M.Pd.", "M.Pd.", "M.M."})
	degHealth   = degs("S1", []string{"dr.", "dr.", "S.K.M.", "Ns.", "apt."}, "S2", []string{"M.Kes.", "M.Kes.", "M.M."})
	degHospital = degs("S1", []string{"dr.", "dr.", "Ns.", "S.E.", "S.K.M."}, "S2", []string{"M.Kes.", "Sp.PD.", "M.M.", "Sp.B."})
	degTech     = degs("S1", []string{"S.T.", "S.T.", "S.T.", "S.PWK."}, "S2", []string{"M.T.", "M.T.", "M.Sc.", "M.Si."})
	degAgri     = degs("S1", []string{"S.P.", "S.Pt.", "S.T.P."}, "S2", []string{"M.P.", "M.Si.", "M.Sc."})
)

// kecamatanStaff is the staff of each kecamatan (its kelurahan included).
var kecamatanStaff = []staffSpec{{"pelaksana", 26, "Sekretariat"}, {"pelaksana", 8, "Seksi"}, {"pelaksana", 40, "Kelurahan"},
	{"pelaksana-lapangan", 6, ""}, {"psm", 2, ""}, {"analis-kebijakan", 1, "Sekretariat"}}

// kecamatanSeksi are the sections of a kecamatan that has no kelurahan in
// the template (a kabupaten, whose villages are desa, not ASN units).
var kecamatanSeksi = []string{"Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum", "Seksi Pemberdayaan Masyarakat", "Seksi Pelayanan Umum"}

// Names. Javanese names dominate; Catholic and Protestant baptismal names,
// Balinese and Chinese-Indonesian names appear in their religions' shares.
var (
	maleTraditional = []string{"Suparman", "Sutarno", "Sugiyanto", "Sumardi", "Suwarno", "Slamet", "Paryono", "Sukirno", "Suyatno",
		"Mulyono", "Haryono", "Waluyo", "Sarjono", "Sutrisno", "Darmadi", "Kuswanto", "Riyanto", "Subagyo", "Purnomo", "Triyono",
		"Sunarto", "Bambang", "Joko", "Widodo", "Supardi", "Margono", "Sukardi", "Sudarsono", "Wahyudi", "Hartono", "Sugeng", "Suroso"}
	femaleTraditional = []string{"Sumarni", "Suparmi", "Suharti", "Sukarni", "Sutarmi", "Partini", "Sumiyati", "Sulastri", "Sunarti",
		"Suwarni", "Murni", "Kartini", "Endang", "Winarsih", "Jumiati", "Sri Mulyani", "Sri Rahayu", "Sri Lestari", "Tri Wahyuni",
		"Siti Aminah", "Rusmiyati", "Ngatini", "Surati", "Sugiyarti", "Tumini", "Purwanti", "Sriyati", "Sumarsih"}
	maleFirst = []string{"Agus", "Budi", "Bambang", "Joko", "Heru", "Eko", "Dwi", "Tri", "Wahyu", "Hendro", "Teguh", "Arif",
		"Yusuf", "Rudi", "Andi", "Dedi", "Hari", "Imam", "Ahmad", "Muhammad", "Nur", "Ari", "Bagus", "Yudi", "Anang", "Rahmat",
		"Sigit", "Edi", "Aris", "Fajar", "Dimas", "Bayu", "Aditya", "Rizky", "Reza", "Fikri", "Ilham", "Galih", "Yoga", "Angga",
		"Danang", "Wisnu", "Ardi", "Hendra", "Irfan", "Ridwan", "Gilang", "Prasetyo", "Catur", "Dody", "Aji", "Hanif", "Zaenal", "Abdul"}
	maleLast = []string{"Setiawan", "Prasetyo", "Nugroho", "Kurniawan", "Wibowo", "Santoso", "Susilo", "Hartono", "Haryanto",
		"Purnomo", "Saputra", "Pratama", "Hidayat", "Wijaya", "Susanto", "Sulistyo", "Utomo", "Raharjo", "Prabowo", "Handoko",
		"Sugiarto", "Suryanto", "Widodo", "Priyanto", "Hermawan", "Firmansyah", "Ramadhan", "Kusuma", "Nugraha", "Budiman",
		"Cahyono", "Darmawan", "Gunawan", "Mulyadi", "Permana", "Rahman", "Setyawan", "Wicaksono", "Yulianto", "Arifin",
		"Triatmojo", "Hadiwibowo", "Sasongko", "Wardhana", "Adiputra", "Mahendra", "Nurcahyo", "Anggoro", "Saputro", "Pamungkas"}
	femaleFirst = []string{"Sri", "Siti", "Dwi", "Tri", "Endang", "Rini", "Yuni", "Retno", "Dewi", "Ika", "Nur", "Ani", "Ratna",
		"Puji", "Eni", "Tutik", "Wulan", "Anisa", "Ayu", "Putri", "Indah", "Fitri", "Rina", "Novi", "Dyah", "Diah", "Lina",
		"Mega", "Umi", "Yeni", "Yanti", "Erna", "Heni", "Lilik", "Nanik", "Evi", "Nurul", "Rizka", "Nadia", "Aulia", "Laras",
		"Galuh", "Kartika", "Sekar", "Desi", "Tika", "Wahyu", "Catur", "Annisa", "Fatimah", "Khusnul", "Anik", "Titik", "Eka"}
	femaleLast = []string{"Wahyuni", "Lestari", "Sulistyowati", "Rahayu", "Handayani", "Kusumawati", "Puspitasari", "Setyaningsih",
		"Wulandari", "Susanti", "Rahmawati", "Purwaningsih", "Hastuti", "Utami", "Astuti", "Suryani", "Mulyani", "Pratiwi",
		"Anggraini", "Fatmawati", "Maharani", "Nurhayati", "Widyastuti", "Kurniasih", "Sari", "Safitri", "Permatasari",
		"Oktaviani", "Yuliana", "Wardani", "Hidayati", "Novitasari", "Kusumaningrum", "Rahmadani", "Larasati", "Indrawati",
		"Agustina", "Prihatini", "Nugraheni", "Rahmaningsih", "Ambarwati", "Winarni", "Damayanti", "Kristiani", "Apriliani"}
	maleModern = []string{"Muhammad Rizky", "Muhammad Fajar", "Ahmad Fauzi", "Rizky Aditya", "Dimas Arya", "Bagas Adi",
		"Yoga Pratama", "Fikri Haikal", "Naufal Hakim", "Rafi Ananda", "Galang Ramadhan", "Alif Nur"}
	femaleModern = []string{"Anisa Nur", "Aulia Rahma", "Salsabila", "Nadia Putri", "Rizka Amalia", "Dinda Ayu", "Alya Nur",
		"Nabila", "Fadhila Nur", "Zahra", "Intan Permata", "Shinta Dewi"}
	catholicMale   = []string{"Antonius", "Fransiskus", "Yohanes", "Stefanus", "Paulus", "Yosef", "Agustinus", "Robertus", "Petrus", "Benediktus", "Ignatius", "Aloysius", "Gregorius", "Andreas", "Valentinus"}
	catholicFemale = []string{"Maria", "Theresia", "Agnes", "Yohana", "Veronika", "Caecilia", "Margaretha", "Elisabeth", "Bernadeta", "Fransiska", "Katarina", "Lusia", "Monika", "Skolastika", "Yuliana"}
	protestMale    = []string{"Daniel", "Samuel", "Timotius", "Yosua", "Markus", "Yohanes", "Immanuel", "Gideon", "Kristian", "Ferdinand", "Lukas", "Yakub"}
	protestFemale  = []string{"Ruth", "Debora", "Lidia", "Ester", "Yohana", "Christina", "Priskila", "Natalia", "Kristin", "Marta", "Febriana", "Yemima"}
	hinduMale      = []string{"I Made", "I Wayan", "I Ketut", "I Nyoman", "I Gede", "I Komang"}
	hinduFemale    = []string{"Ni Made", "Ni Luh", "Ni Ketut", "Ni Nyoman", "Ni Wayan", "Ni Komang"}
	hinduLast      = []string{"Sudarma", "Suartana", "Wirawan", "Astawa", "Sukerti", "Ariani", "Suryadi", "Dharmawan", "Puspayanti", "Widiasih"}
	chineseMale    = []string{"Hendra", "Yohan", "Felix", "Kevin", "Steven", "Budi", "Andreas", "Hartanto", "Wilson", "Gunadi"}
	chineseFemale  = []string{"Lisa", "Melinda", "Vivi", "Linda", "Fenny", "Susan", "Yenny", "Meliana", "Lanny", "Silvia"}
	chineseLast    = []string{"Wijaya", "Halim", "Gunawan", "Tanujaya", "Santoso", "Salim", "Kurniawan", "Setiadi", "Lim", "Hartono", "Sutanto", "Tjahjadi"}
)

// religions is the distribution of agama, close to the Magelang area's.
var religions = []wt[string]{{"ISLAM", 86}, {"KATOLIK", 6.5}, {"KRISTEN", 6}, {"BUDDHA", 0.8}, {"HINDU", 0.4}, {"KONGHUCU", 0.3}}

// Trainings shared by everyone.
var (
	generalTeknis = []wt[string]{{"Bimbingan Teknis Penyusunan Sasaran Kinerja Pegawai", 16}, {"Pelatihan Pelayanan Prima", 24},
		{"Bimbingan Teknis Tata Naskah Dinas Elektronik", 16}, {"Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", 40},
		{"Pelatihan Manajemen Risiko Sektor Publik", 24}, {"Pelatihan Literasi Digital ASN", 20}, {"Pelatihan Public Speaking", 20},
		{"Bimbingan Teknis Pengelolaan Arsip Dinamis", 24}, {"Pelatihan Penyusunan Standar Pelayanan", 24}, {"Pelatihan Analisis Data dengan Spreadsheet", 30}}
	seminars = []string{"Seminar Nasional Reformasi Birokrasi", "Webinar Smart ASN", "Workshop Penyusunan Standar Kompetensi Jabatan",
		"Sosialisasi Manajemen Talenta ASN", "Workshop Inovasi Pelayanan Publik", "Seminar Netralitas ASN", "Webinar Pencegahan Gratifikasi",
		"Sosialisasi Sistem Merit", "Workshop Evaluasi SAKIP", "Seminar Kesehatan Mental di Tempat Kerja", "Webinar Keamanan Siber untuk ASN"}
	eduSeminars    = []string{"Seminar Nasional Pendidikan", "Webinar Merdeka Belajar", "Lokakarya Guru Penggerak", "Seminar Pendidikan Inklusif"}
	healthSeminars = []string{"Seminar Kesehatan Nasional", "Simposium Kegawatdaruratan", "Webinar Stunting dan Gizi Anak", "Workshop Akreditasi Fasilitas Kesehatan"}
)

// Discipline reasons (alasan) by tingkat, and sanctions per PP 94/2021.
var (
	hukdisRingan = []wt[string]{{"TEGURAN_LISAN", 45}, {"TEGURAN_TERTULIS", 35}, {"TIDAK_PUAS", 20}}
	hukdisSedang = []wt[string]{{"POTONG_TUKIN_6", 60}, {"POTONG_TUKIN_9", 25}, {"POTONG_TUKIN_12", 15}}
	hukdisBerat  = []wt[string]{{"PENURUNAN_JABATAN", 60}, {"PEMBEBASAN_JABATAN", 40}}
	hukdisReason = map[string][]string{
		"RINGAN": {"Tidak masuk kerja tanpa alasan yang sah selama 3 hari kerja", "Tidak menaati ketentuan jam kerja",
			"Tidak mengisi presensi elektronik tanpa alasan yang sah", "Tidak menyelesaikan tugas tepat waktu"},
		"SEDANG": {"Tidak masuk kerja tanpa alasan yang sah selama 12 hari kerja", "Tidak mencapai target kinerja tanpa alasan yang sah",
			"Melanggar ketentuan netralitas ASN"},
		"BERAT": {"Tidak masuk kerja tanpa alasan yang sah selama 25 hari kerja", "Menyalahgunakan wewenang dalam pelayanan"},
	}
)
