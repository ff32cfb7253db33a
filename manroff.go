package main

import (
	"regexp"
	"strings"
)

// roffPage builds a man(7) document. Text passes through esc, so a line of
// prose never turns into a request and a dash stays a dash that can be
// copied into a shell.
type roffPage struct{ b strings.Builder }

// request writes a macro line such as .SH or .TP.
func (r *roffPage) request(name string, args ...string) {
	r.b.WriteString("." + name)
	for _, a := range args {
		r.b.WriteString(" " + a)
	}
	r.b.WriteByte('\n')
}

// line writes one line of already formatted roff (from esc, bold, italic).
func (r *roffPage) line(s string) {
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s // a leading dot or quote would make the line a request
	}
	r.b.WriteString(s + "\n")
}

// text writes prose, escaped; each line of s becomes a line of the page.
func (r *roffPage) text(s string) {
	for _, l := range strings.Split(s, "\n") {
		r.line(esc(l))
	}
}

// tagged writes a .TP entry: tag on its own line, then the body.
func (r *roffPage) tagged(tag, body string) {
	r.request("TP")
	r.line(tag)
	r.text(body)
}

func (r *roffPage) String() string { return r.b.String() }

// esc makes plain text safe inside a roff line: backslashes print as
// themselves and '-' is the ASCII minus a command line needs.
func esc(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return strings.ReplaceAll(s, "-", `\-`)
}

func bold(s string) string   { return `\fB` + esc(s) + `\fR` }
func italic(s string) string { return `\fI` + esc(s) + `\fR` }

var placeholder = regexp.MustCompile(`\b[A-Z][A-Z_]+\b`)

// usageLine sets a cobra Use string ("export [ID|last]") as the man page
// sets a synopsis: the command in bold, placeholders in italics.
func usageLine(use string) string {
	name, rest, _ := strings.Cut(use, " ")
	out := bold(name)
	if rest != "" {
		out += " " + placeholder.ReplaceAllStringFunc(esc(rest), func(w string) string { return `\fI` + w + `\fR` })
	}
	return out
}
