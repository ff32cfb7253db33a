package ui

import (
	"context"
	"os"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/convlist"
	"github.com/lockchat/lockchat/ui/markdown"
	"github.com/lockchat/lockchat/ui/picker"
)

// Chatter is what the chat needs from a server; *client.Client is one.
type Chatter interface {
	Stream(ctx context.Context, req client.Request) *client.Stream
	ListModels(ctx context.Context) ([]string, error)
	Provider() client.Provider
}

// Journal is what the chat needs to save conversations; *session.Journal
// is one. Its methods run only inside commands.
type Journal interface {
	CreateConversation(c session.Conversation) session.Notice
	AddMessage(m session.Message) session.Notice
	AppendDelta(msgID, text string) session.Notice
	AppendReasoning(msgID, text string) session.Notice
	Reclassify(msgID string, n int) session.Notice
	FinishMessage(msgID string, end session.Ending) session.Notice
	UpdateConversation(convID string, u session.ConversationUpdate) session.Notice
	SetProviderPrefs(baseURL string, p session.ProviderPrefs) session.Notice
	Flush() session.Notice
}

// Reader is what the chat needs to browse saved conversations.
type Reader interface {
	List(limit, offset int) ([]session.Conversation, error)
	Load(convID string) (session.Conversation, []session.Message, error)
	Last() (session.Conversation, error)
	// Resolve turns a full ID, a unique prefix or "last" into an ID.
	Resolve(ref string) (string, error)
}

// Options configures a chat screen.
type Options struct {
	Client  Chatter
	Journal Journal // nil: nothing is saved
	Reader  Reader  // nil: no conversation list
	Model   string
	// ModelChosen says the user named Model (flag or environment): a
	// reopened conversation then keeps it instead of its last model.
	ModelChosen bool
	Temperature float64
	MaxTokens   int
	System      string
	Models      []string // built-in and configured models
	Keys        KeyMap
	Mouse       bool
	Theme       string // auto, dark or light
	NoColor     bool
	// Continue reopens the newest conversation; ResumeID a given one.
	Continue bool
	ResumeID string
	// ExportDir is where ctrl+s writes transcripts.
	ExportDir string
	// ErrorHint may add a sentence to a failed reply's error, such as the
	// ways on when the default server can't be reached.
	ErrorHint func(*client.Error) string
	// Notices are shown in the footer at start (store warnings).
	Notices []string
	// Now returns the current time; tests fix it.
	Now func() time.Time
	// After returns a command that delivers msg once d has passed: every
	// timer of the chat (frames, clocks, notices) is made by it. Nil means
	// tea.Tick; tests give one that delivers at once, so that no test
	// waits on a clock.
	After func(d time.Duration, msg tea.Msg) tea.Cmd
	// MaxReplyBytes bounds a reply, answer and reasoning as received: a
	// reply that passes it is stopped with a sentence saying so, and kept.
	// Zero means DefaultMaxReplyBytes; negative, no bound.
	MaxReplyBytes int
	// MinRenderGap is the least time between two renders of a streaming
	// reply; zero means minRenderGap, negative means none.
	MinRenderGap time.Duration
}

// focus says which part of the screen gets keys.
type focus int

const (
	focusInput focus = iota
	focusPicker
	focusConvList
)

// Model is the chat screen.
type Model struct {
	opts   Options
	keys   KeyMap
	styles Styles
	help   help.Model
	input  textarea.Model
	tr     transcript
	focus  focus

	dialogs
	cache viewCache

	width, height int
	isDark        bool
	themeKnown    bool
	renderer      *markdown.Renderer

	conv      session.Conversation
	convSaved bool
	model     string

	stream streamState
	store  storeState
	footer footer
	recall recall
	pastes pastes

	frameScheduled bool
	quitting       bool
}

// dialogs holds the model menu and the conversation list; each is in use
// only while its dialog is open (see focus).
type dialogs struct {
	picker   picker.Model
	convlist convlist.Model
}

// New returns a chat screen. It is used through a pointer: the model is
// large (the textarea alone is 15 KB), and Bubble Tea would otherwise copy
// it and box the copy on the heap after every message.
func New(opts Options) *Model {
	opts = opts.withDefaults()
	m := Model{opts: opts, keys: opts.Keys, model: opts.Model, help: help.New()}
	m.isDark = opts.Theme != "light"
	m.themeKnown = opts.Theme == "dark" || opts.Theme == "light"
	m.styles = DefaultStyles(m.isDark, opts.NoColor)
	m.input = newInput(m.isDark, opts.Keys)
	m.tr.follow = true
	m.conv = m.newConversation()
	m.footer.after = opts.After
	if len(opts.Notices) > 0 {
		m.footer.push(strings.Join(opts.Notices, " "), true, opts.Now())
	}
	return &m
}

// withDefaults fills in what opts leaves unset.
func (opts Options) withDefaults() Options {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.After == nil {
		opts.After = tick
	}
	if opts.MaxReplyBytes == 0 {
		opts.MaxReplyBytes = DefaultMaxReplyBytes
	}
	switch {
	case opts.MinRenderGap == 0:
		opts.MinRenderGap = minRenderGap
	case opts.MinRenderGap < 0:
		opts.MinRenderGap = 0
	}
	if opts.Keys.Send.Keys() == nil {
		opts.Keys = DefaultKeyMap()
	}
	return opts
}

// DefaultMaxReplyBytes is the bound on a reply when Options leaves it
// unset: far beyond any real answer, and a small part of memory.
const DefaultMaxReplyBytes = 16 << 20

// inputMaxLines is how tall the input grows, terminal permitting.
const inputMaxLines = 8

// newInput builds the textarea: it grows from one line to eight, and
// Enter is ours (send), so its own newline binding is replaced. The
// reasoning toggle takes ctrl+t, the textarea's transpose key, by default:
// the textarea then gives transposing up.
func newInput(isDark bool, keys KeyMap) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = "Ask anything…  (enter sends, ctrl+j adds a line)"
	ta.ShowLineNumbers = false
	ta.Prompt = "› "
	ta.DynamicHeight = true
	ta.MinHeight = 1
	ta.MaxHeight = inputMaxLines
	ta.CharLimit = 0
	ta.KeyMap.InsertNewline.SetEnabled(false)
	if keys.ToggleReasoning.Enabled() && slices.Contains(keys.ToggleReasoning.Keys(), "ctrl+t") {
		ta.KeyMap.TransposeCharacterBackward.SetEnabled(false)
	}
	ta.SetStyles(textarea.DefaultStyles(isDark))
	// The terminal's own cursor: it blinks by itself, so the screen is not
	// redrawn twice a second for a blinking virtual one.
	ta.SetVirtualCursor(false)
	ta.Focus()
	return ta
}

// Init asks for the background colour and the window size, warms up the
// markdown renderer and loads a conversation to continue.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, warmUp}
	if m.footer.text != "" { // the start notices clear themselves too
		cmds = append(cmds, m.opts.After(noticeLife, noticeExpiredMsg{seq: m.footer.seq}))
	}
	if m.opts.Continue || m.opts.ResumeID != "" {
		cmds = append(cmds, loadConversation(m.opts.Reader, m.opts.ResumeID, m.opts.Continue))
	}
	return tea.Batch(cmds...)
}

// tick delivers msg after d on Bubble Tea's timer.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// warmUp pays chroma's one-time cost off the first reply's path.
func warmUp() tea.Msg {
	_ = markdown.WarmUp()
	return nil
}

// NoColor reports whether the environment asks for no colours (NO_COLOR).
func NoColor() bool { return os.Getenv("NO_COLOR") != "" }

// restyleInput gives the textarea the colours of the new background.
func restyleInput(ta textarea.Model, isDark bool) textarea.Model {
	ta.SetStyles(textarea.DefaultStyles(isDark))
	return ta
}
