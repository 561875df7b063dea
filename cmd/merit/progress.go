package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"merit/i18n"
	"merit/importer"
)

// progress shows how far an import is: on a terminal a bar redrawn in
// place, otherwise (a log, a pipe) a plain line every few seconds.
type progress struct {
	w       io.Writer
	lang    string
	tty     bool
	start   time.Time
	printed time.Time
	drawn   bool
}

// plainEvery is how often a plain progress line is written.
const plainEvery = 2 * time.Second

func newProgress(env *Env, lang string) *progress {
	p := &progress{w: env.Stderr, lang: lang, start: time.Now()}
	if f, ok := env.Stderr.(*os.File); ok {
		p.tty = term.IsTerminal(int(f.Fd()))
	}
	return p
}

// update is the importer's progress callback.
func (p *progress) update(pr importer.Progress) {
	now := time.Now()
	if p.tty {
		if now.Sub(p.printed) < 100*time.Millisecond {
			return
		}
		p.printed, p.drawn = now, true
		fmt.Fprintf(p.w, "\r%s", p.line(pr, now, true))
		return
	}
	if !p.printed.IsZero() && now.Sub(p.printed) < plainEvery {
		return
	}
	p.printed = now
	fmt.Fprintln(p.w, p.line(pr, now, false))
}

// line renders "[#########-----------]  45%  123.456 baris  (20.511 baris/detik)".
func (p *progress) line(pr importer.Progress, now time.Time, bar bool) string {
	var b strings.Builder
	if pr.Total > 0 {
		frac := min(float64(pr.Bytes)/float64(pr.Total), 1)
		if bar {
			const width = 30
			n := int(frac * width)
			b.WriteString("[" + strings.Repeat("#", n) + strings.Repeat("-", width-n) + "] ")
		}
		fmt.Fprintf(&b, "%3d%%  ", int(frac*100))
	}
	b.WriteString(i18n.T(p.lang, "import.cli.progress", i18n.Number(p.lang, pr.Rows)))
	if secs := now.Sub(p.start).Seconds(); secs >= 1 {
		fmt.Fprintf(&b, "  (%s)", i18n.T(p.lang, "import.cli.rate", i18n.Number(p.lang, int(float64(pr.Rows)/secs))))
	}
	if bar {
		b.WriteString("\x1b[K") // clear what a longer earlier line left
	}
	return b.String()
}

// finish ends the bar's line so that what follows starts on its own.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
