package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
)

// menuReply is a reply whose lines run wider than the model menu, so the
// transcript shows on both sides of it.
const menuReply = "Left words run on past the menu's frame and come out on its right side, far enough.\n\n" +
	"- 日本語のテキストは二つの列を占めます。中文字符也是宽字符，需要正确换行。まだ続きます。\n" +
	"- **bold** text and `code` that runs wide as well, as wide as the terminal is.\n"

// TestGoldenMenuOverTranscript: the model menu is drawn over the
// transcript, which stays visible around it.
func TestGoldenMenuOverTranscript(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Models = []string{"local-llama"}
	m := finishedChat(t, opts, 100, 24, "fill the screen", strings.Repeat(menuReply, 3), nil)
	m, _ = press(m, 'l', tea.ModCtrl)
	if !menuOpen(m) {
		t.Fatal("menu not open")
	}
	s := screen(m)
	if !strings.Contains(s, "╭") || !strings.Contains(s, "Left words") || !strings.Contains(s, "続きます。") {
		t.Errorf("the transcript does not show around the menu:\n%s", s)
	}
	for i, l := range strings.Split(m.View().Content, "\n") {
		if w := ansi.StringWidth(l); w > 100 {
			t.Errorf("line %d is %d wide: %q", i, w, ansi.Strip(l))
		}
	}
	requireGolden(t, m)
}

// TestGoldenMultilineInput: the prompt mark starts the input's first line
// only; the other lines are indented under it.
func TestGoldenMultilineInput(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 60, 16)
	m = typeText(m, "first line")
	m, _ = press(m, 'j', tea.ModCtrl)
	m = typeText(m, "second line")
	m, _ = press(m, 'j', tea.ModCtrl)
	m = typeText(m, "third")
	if got := strings.Count(screen(m), "›"); got != 1 {
		t.Errorf("%d prompt marks on screen, want 1:\n%s", got, screen(m))
	}
	if !strings.Contains(screen(m), "\n  second line") {
		t.Errorf("continuation line not indented:\n%s", screen(m))
	}
	requireGolden(t, m)
}

// namedChatter is a Chatter whose provider has a given name.
type namedChatter struct{ name string }

func (c namedChatter) Stream(context.Context, client.Request) *client.Stream { return nil }
func (c namedChatter) ListModels(context.Context) ([]string, error)          { return nil, nil }
func (c namedChatter) Provider() client.Provider                             { return client.Provider{Name: c.name} }

// TestHeaderNamesTheProviderOnce: Lockchat's own provider is not repeated
// after the app's name; any other provider is named.
func TestHeaderNamesTheProviderOnce(t *testing.T) {
	for _, tt := range []struct{ provider, want string }{
		{"lockchat", "lockchat · gpt-4 · new conversation"},
		{"", "lockchat · gpt-4 · new conversation"},
		{"demo", "lockchat · demo · gpt-4 · new conversation"},
		{"ollama", "lockchat · ollama · gpt-4 · new conversation"},
	} {
		opts := testOptions(newTestClock())
		opts.Client = namedChatter{tt.provider}
		m := newSized(t, opts, 80, 20)
		if got := strings.SplitN(screen(m), "\n", 2)[0]; strings.TrimRight(got, " ") != tt.want {
			t.Errorf("provider %q: header %q, want %q", tt.provider, got, tt.want)
		}
	}
}

// TestOverlaySplices: the box replaces exactly its columns of each line it
// covers; a wide character cut by either edge becomes a space, styles of
// the line are closed before the box and replayed after it, and short or
// empty lines are padded up to the box.
func TestOverlaySplices(t *testing.T) {
	base := []string{
		"0123456789",
		"日本語日本",                   // the box's edges, at columns 3 and 7, cut 本 and 日
		"\x1b[1mbold text!\x1b[m", // styled under the box
		"",
		"ab",
	}
	box := "[xx]\n[yy]\n[zz]\n[ww]\n[vv]"
	got := overlay(base, box, 10)
	want := []string{"012[xx]789", "日 [yy] 本", "bol[zz]xt!", "   [ww]", "ab [vv]"}
	for i := range want {
		if s := ansi.Strip(got[i]); s != want[i] {
			t.Errorf("row %d = %q, want %q", i, s, want[i])
		}
	}
	if !strings.HasPrefix(got[2], "\x1b[1mbol") || !strings.Contains(got[2], "\x1b[m[zz]\x1b[m\x1b[1mxt!") {
		t.Errorf("styles not closed and replayed around the box: %q", got[2])
	}
	// A box taller than the area loses its last rows; the area keeps its size.
	if got := overlay([]string{"a", "b"}, "1\n2\n3", 5); len(got) != 2 || ansi.Strip(got[0]) != "a 1" || ansi.Strip(got[1]) != "b 2" {
		t.Errorf("tall box: %q", got)
	}
}
