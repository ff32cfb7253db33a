package ui

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
)

// everyScreen drives one chat through each screen it can show and returns
// the string the model composes for each, before the renderer (which
// would drop colours the terminal can't show) sees it.
func everyScreen(t *testing.T, opts Options) map[string]string {
	t.Helper()
	out := map[string]string{}
	m := newSized(t, opts, 100, 30)
	shot := func(name string) {
		m.cache.screenValid = false
		out[name] = m.View().Content
	}
	shot("welcome")
	m, _ = press(m, 'g', tea.ModCtrl)
	shot("full help")
	m, _ = press(m, 'g', tea.ModCtrl)
	m, _ = sendPrompt(t, m, "how do I sum?")
	m = deliver(m, goldenReply[:len(goldenReply)/2])
	shot("streaming")
	m, _ = press(m, tea.KeyPgUp, 0)
	shot("streaming, scrolled up")
	m, _ = press(m, tea.KeyEnd, tea.ModCtrl)
	m = deliver(m, goldenReply[len(goldenReply)/2:])
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	shot("finished reply")
	m, _ = sendPrompt(t, m, "again")
	retry := client.RetryInfo{Attempt: 2, MaxAttempts: 3, Delay: 4 * time.Second, Reason: "The server is busy."}
	m, _ = step(m, chunkMsg{id: m.stream.id, retry: &retry})
	shot("retry countdown")
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "Half", ended: true,
		err: &client.Error{Kind: client.KindNetwork, Message: "The connection broke."}})
	shot("inline error")
	m, _ = sendPrompt(t, m, "and stop")
	m, _ = press(m, tea.KeyEscape, 0)
	shot("stopped reply")
	m, _ = press(m, 'y', tea.ModCtrl)
	shot("notice")
	m, _ = sendPrompt(t, m, "busy")
	m = typeText(m, "too soon")
	m, _ = press(m, tea.KeyEnter, 0)
	shot("warning")
	m, _ = press(m, tea.KeyEscape, 0)
	m, _ = press(m, 'j', tea.ModCtrl)
	m = typeText(m, "second line")
	shot("two-line input")
	m, cmd := press(m, 'l', tea.ModCtrl)
	m, _ = step(m, only[modelsMsg](run(cmd))[0])
	shot("model menu with a note")
	m, _ = press(m, tea.KeyEscape, 0)
	m.opts.Reader = listReader{}
	m, cmd = press(m, 'o', tea.ModCtrl)
	m, _ = step(m, cmd())
	shot("conversation list")
	return out
}

// colourSGR matches an SGR sequence; colourParam is a parameter that sets
// a colour (30–38, 40–48, 58, 90–97, 100–107). 39, 49 and 59 only reset.
var (
	sgrSeq      = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)
	colourParam = regexp.MustCompile(`^(3[0-8]|4[0-8]|58|9[0-7]|10[0-7])$`)
)

// colours returns the colour-setting SGR sequences of s.
func colours(s string) []string {
	var found []string
	for _, mt := range sgrSeq.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(mt[1], ";") {
			if colourParam.MatchString(strings.SplitN(p, ":", 2)[0]) {
				found = append(found, strconv.Quote(mt[0]))
				break
			}
		}
	}
	return found
}

// TestNoColorScreens: with NO_COLOR every screen the chat composes is
// free of colour (bold, faint and the like stay); without it the same
// screens are coloured, so the check can see colour when there is some.
func TestNoColorScreens(t *testing.T) {
	for _, theme := range []string{"dark", "light"} {
		_, c := testServer(t, clienttest.WithModels())
		opts := testOptions(newTestClock())
		opts.Client, opts.Theme, opts.NoColor = c, theme, true
		plain := everyScreen(t, opts)
		opts.NoColor = false
		coloured := everyScreen(t, opts)
		if len(plain) < 13 {
			t.Fatalf("only %d screens", len(plain))
		}
		for name, s := range plain {
			if found := colours(s); len(found) > 0 {
				t.Errorf("%s theme, NO_COLOR, %s: colour codes %v in\n%s", theme, name, found, ansi.Strip(s))
			}
			if len(colours(coloured[name])) == 0 {
				t.Errorf("%s theme, %s: no colour without NO_COLOR either", theme, name)
			}
		}
	}
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v>>8) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// styleColour is one foreground of the style tree, named by its path.
type styleColour struct {
	path   string
	fg, bg color.Color // bg nil: the terminal's background
}

// styleColours walks v (a Styles) and returns every foreground colour of
// every lipgloss.Style in it (text and border), and every bare colour
// (the cursor's).
func styleColours(v reflect.Value, path string) []styleColour {
	switch {
	case v.Type() == reflect.TypeOf(lipgloss.Style{}):
		st := v.Interface().(lipgloss.Style)
		bg := st.GetBackground()
		if _, none := bg.(lipgloss.NoColor); none {
			bg = nil
		}
		var out []styleColour
		for name, fg := range map[string]color.Color{
			"": st.GetForeground(), ".border": st.GetBorderTopForeground(),
			".borderRight": st.GetBorderRightForeground(), ".borderBottom": st.GetBorderBottomForeground(),
			".borderLeft": st.GetBorderLeftForeground(),
		} {
			if _, none := fg.(lipgloss.NoColor); fg != nil && !none {
				out = append(out, styleColour{path: path + name, fg: fg, bg: bg})
			}
		}
		return out
	case v.Type().Implements(reflect.TypeOf((*color.Color)(nil)).Elem()):
		if v.Kind() == reflect.Interface && v.IsNil() {
			return nil
		}
		if _, none := v.Interface().(lipgloss.NoColor); none {
			return nil
		}
		return []styleColour{{path: path, fg: v.Interface().(color.Color)}}
	case v.Kind() == reflect.Struct:
		var out []styleColour
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				out = append(out, styleColours(v.Field(i), path+"."+f.Name)...)
			}
		}
		return out
	}
	return nil
}

// marks are the styles drawn on marks and separators rather than text:
// they need 3:1, text 4.5:1.
var marks = map[string]bool{
	".InputBorder":                true,
	".Help.Ellipsis":              true,
	".Help.ShortSeparator":        true,
	".Help.FullSeparator":         true,
	".Input.Focused.Prompt":       true,
	".Input.Blurred.Prompt":       true,
	".Input.Focused.EndOfBuffer":  true,
	".Input.Blurred.EndOfBuffer":  true,
	".Dialog.Dialog.border":       true,
	".Dialog.Dialog.borderRight":  true,
	".Dialog.Dialog.borderBottom": true,
	".Dialog.Dialog.borderLeft":   true,
}

// terminalBackgrounds are the defaults each theme is measured against.
var terminalBackgrounds = map[bool][]string{
	true:  {"#000000", "#1e1e1e"},
	false: {"#ffffff", "#f5f5f5"},
}

// contrastProblems measures every foreground of st (the chat's, the
// help's, the input's, the dialogs') against the terminal backgrounds of
// its theme, and returns one line for each colour that is not one the chat
// chose (one of the terminal's sixteen, whose shade the terminal's theme
// decides) or has less than 4.5:1 for text, 3:1 for marks and separators.
func contrastProblems(t *testing.T, st Styles, dark bool) []string {
	cs := styleColours(reflect.ValueOf(st), "")
	sort.Slice(cs, func(i, j int) bool { return cs[i].path < cs[j].path })
	var bad []string
	for _, c := range cs {
		if _, basic := c.fg.(ansi.BasicColor); basic {
			bad = append(bad, fmt.Sprintf("%s: the ANSI colour %v, whose shade the terminal picks", c.path, c.fg))
			continue
		}
		bgs := []color.Color{c.bg}
		if c.bg == nil {
			bgs = nil
			for _, h := range terminalBackgrounds[dark] {
				bgs = append(bgs, lipgloss.Color(h))
			}
		}
		need := 4.5
		if marks[c.path] {
			need = 3
		}
		for _, bg := range bgs {
			r := contrast(c.fg, bg)
			t.Logf("dark %-5v %-32s %s on %s: %5.2f (need %.1f)", dark, c.path, hex(c.fg), hex(bg), r, need)
			if r < need {
				bad = append(bad, fmt.Sprintf("%s: %s on %s is %.2f:1, want %.1f:1", c.path, hex(c.fg), hex(bg), r, need))
			}
		}
	}
	return bad
}

// TestContrast: in both themes every colour of the style tree reads
// against the terminal's background. Run with -v for the table.
func TestContrast(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(dark, false)
		if n := len(styleColours(reflect.ValueOf(st), "")); n < 25 {
			t.Fatalf("dark %v: only %d colours found in the style tree", dark, n)
		}
		for _, p := range contrastProblems(t, st, dark) {
			t.Errorf("dark %v, %s", dark, p)
		}
	}
}

// TestContrastCatchesTheOldColours: the measure fails what the chat used
// before: bubbles' help colours on a dark background (descriptions 239,
// separators 237) and the textarea's prompt in ANSI white.
func TestContrastCatchesTheOldColours(t *testing.T) {
	old := DefaultStyles(true, false)
	old.Help, old.Input = help.DefaultStyles(true), textarea.DefaultStyles(false)
	got := strings.Join(contrastProblems(t, old, true), "\n")
	for _, want := range []string{".Help.ShortDesc: #4a4a4a", ".Help.ShortSeparator: #3c3c3c", ".Input.Focused.Prompt: the ANSI colour"} {
		if !strings.Contains(got, want) {
			t.Errorf("the old colours pass %q; problems found:\n%s", want, got)
		}
	}
	if r := contrast(lipgloss.Color("#000000"), lipgloss.Color("#ffffff")); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white measured %.2f:1, want 21", r)
	}
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// TestBackgroundRestylesEveryPart: when the terminal reports a light
// background, the help, the input and the open dialog take the light
// styles, the same ones DefaultStyles builds.
func TestBackgroundRestylesEveryPart(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Theme = "auto"
	m := newSized(t, opts, 80, 24)
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = step(m, tea.BackgroundColorMsg{Color: color.RGBA{R: 250, G: 250, B: 250, A: 255}})
	light := DefaultStyles(false, false)
	if m.isDark || !reflect.DeepEqual(m.styles, light) {
		t.Fatalf("styles not rebuilt for the light background")
	}
	if !reflect.DeepEqual(m.help.Styles, light.Help) {
		t.Errorf("the help kept its old styles")
	}
	if !reflect.DeepEqual(m.input.Styles(), light.Input) {
		t.Errorf("the input kept its old styles")
	}
	lightBorder := light.Dialog.Dialog.Render("x")
	sgr := lightBorder[:strings.Index(lightBorder, "╭")]
	if v := m.View().Content; !strings.Contains(v, sgr+"╭") {
		t.Errorf("the open menu's frame is not in the light accent %q", sgr)
	}
}

// TestHintsNameTheKeysAsBound: with keys rebound in [keys], every hint on
// screen names the new keys: the welcome lines, the placeholder, the
// streaming status, the scrolled status and the "still streaming" notice.
func TestHintsNameTheKeysAsBound(t *testing.T) {
	keys, err := DefaultKeyMap().ApplyKeys(map[string][]string{
		"send": {"alt+enter"}, "newline": {"ctrl+k"}, "stop": {"ctrl+x"}, "bottom": {"alt+end"},
		"models": {"f2"}, "conversations": {"f3"}, "help": {"f1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Keys = keys
	m := newSized(t, opts, 100, 24)
	s := screen(m)
	for _, want := range []string{"press alt+enter.", "f2 models · f3 conversations · f1 help",
		"(alt+enter sends, ctrl+k adds a line)"} {
		if !strings.Contains(s, want) {
			t.Errorf("welcome screen lacks %q:\n%s", want, s)
		}
	}
	m = typeText(m, "hi")
	m, _ = step(m, tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	m = deliver(m, bodyLines(0, 40))
	if s := screen(m); !strings.Contains(s, "ctrl+x stops") {
		t.Errorf("streaming status does not name ctrl+x:\n%s", s)
	}
	m, _ = press(m, tea.KeyPgUp, 0)
	if s := screen(m); !strings.Contains(s, "alt+end follows") {
		t.Errorf("scrolled status does not name alt+end:\n%s", s)
	}
	m = typeText(m, "more")
	m, _ = step(m, tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	if s := screen(m); !strings.Contains(s, "press ctrl+x to stop it first") {
		t.Errorf("the still-streaming notice does not name ctrl+x:\n%s", s)
	}
	all := screen(m)
	for _, old := range []string{"esc stops", "ctrl+end", "ctrl+l models", "press enter"} {
		if strings.Contains(all, old) {
			t.Errorf("a hint still names the default %q:\n%s", old, all)
		}
	}
	// A disabled stop key: Ctrl+C still stops a reply, and the hint says so.
	keys, _ = DefaultKeyMap().ApplyKeys(map[string][]string{"stop": {}})
	opts.Keys = keys
	m = newSized(t, opts, 100, 24)
	m, _ = sendPrompt(t, m, "hi")
	if s := screen(m); !strings.Contains(s, "ctrl+c stops") || strings.Contains(s, "esc") {
		t.Errorf("with stop unbound the status should name ctrl+c only:\n%s", s)
	}
}
