package ui

import (
	"context"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/markdown"
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
	Rename(convID, title string) session.Notice
	Delete(convID string) session.Notice
	DeleteMessage(msgID string) session.Notice
	SetDraft(convID, text string) session.Notice
	Flush() session.Notice
}

// Reader is what the chat needs to browse saved conversations.
type Reader interface {
	List(limit, offset int) ([]session.Conversation, error)
	Load(convID string) (session.Conversation, []session.Message, error)
	Last() (session.Conversation, error)
	// Resolve turns a full ID, a unique prefix or "last" into an ID.
	Resolve(ref string) (string, error)
	// Search finds messages in every conversation (see session.Store).
	Search(query string, limit int) ([]session.Hit, error)
	// Prompts lists up to limit prompts of the conversations but except,
	// newest first, each text once.
	Prompts(except string, limit int) ([]string, error)
}

// Options configures a chat screen.
type Options struct {
	Client  Chatter
	Journal Journal // nil: nothing is saved
	Reader  Reader  // nil: no conversation list
	// Model is the model to ask for; "" asks the server for its models at
	// start and takes the first (the header names it once known; a prompt
	// sent before then waits for it).
	Model string
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
	// Prompts are the config file's named system prompts ([prompts]),
	// name to text, which the roles menu offers.
	Prompts map[string]string
	// Role is System's name among Prompts when --role chose it.
	Role string
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
	// MinRenderGap is the least time between two renders of a streaming
	// reply; zero means minRenderGap, negative means none.
	MinRenderGap time.Duration
	// SystemChosen says the user named System (--system or --role): a reopened
	// conversation then uses it from the next request on, and saves it,
	// instead of the system prompt it was saved with.
	SystemChosen bool
	// Connect, when set, returns the client for a conversation being
	// opened (-c, --resume, the conversation list): the server it was held
	// with, unless the command line chose another. It may run a command to
	// get a key, so it is called inside a command. On error the
	// conversation opens with the current client and the footer says why.
	Connect func(session.Conversation) (Chatter, error)
	// MaxReplyBytes is max_reply_bytes: the most one reply may hold,
	// answer and reasoning together as received, before it is stopped
	// with a sentence saying so, and kept. Zero means DefaultMaxReplyBytes;
	// negative, no bound.
	MaxReplyBytes int
	// Window returns a model's context window given what its server said
	// (config.Settings.Window). Nil or 0: unknown,
	// and the whole history is sent.
	Window func(model string, server client.ModelInfo) int
	// Vision says whether a model takes images given what its server said
	// (config.Settings.Vision); nil: unknown, and images are sent.
	Vision func(model string, server client.ModelInfo) *bool
	// ModelInfo, when set, asks the server about a model
	// (client.Client.ModelInfo); it runs in a command at start and when
	// the model changes.
	ModelInfo func(ctx context.Context, model string) (client.ModelInfo, error)
	// Attachments go with the first prompt sent (-a); the input shows
	// them as chips until then.
	Attachments []session.Attachment
	// Probe, when set, checks once at start, in a command with a few
	// seconds' deadline, that the server answers (client.Client.Probe):
	// typing never waits for it. When it does not, the status row says so
	// until the first prompt is sent or the stop key dismisses it; when it
	// does, nothing is said. A chat with no Model skips it: asking the
	// server for its models tells as much.
	Probe func(context.Context) error
	// Unreachable phrases a failure to reach the server (from Probe or
	// the model list) for the status row, with the ways on; nil, or "",
	// shows the error's own sentence.
	Unreachable func(error) string
	// Clipboard writes a copied text to the system clipboard; it runs in
	// a command. Nil means the platform's clipboard program, when one is
	// installed (xclip, xsel, wl-copy, pbcopy).
	Clipboard func(string) error
}

// Model is the chat screen.
type Model struct {
	opts   Options
	keys   KeyMap
	styles Styles
	help   help.Model
	input  textarea.Model
	tr     transcript
	// dialog is the open dialog, which takes the keys; nil: the input has
	// them.
	dialog dialog
	cache  viewCache

	width, height int
	isDark        bool
	themeKnown    bool
	renderer      *markdown.Renderer

	conv      session.Conversation
	convSaved bool
	model     string
	// found is the message a search opened the conversation at: it is
	// marked in the transcript.
	found string
	// sel is select mode's state (see selectmode.go).
	sel selection
	// tree holds every message, on the branch shown or not; editing is
	// the prompt whose edit the input holds (see branches.go).
	tree    branches
	editing *entry
	// unsent is what the input held when an edit began, given back when
	// the edit is sent or cancelled.
	unsent unsentInput
	// role names conv's system prompt among Options.Prompts ("" when it
	// has no name); sys is the system prompt new conversations get: the
	// command line's, or the one last chosen in the roles menu.
	role string
	sys  systemPrompt

	stream streamState
	store  storeState
	footer footer
	title  titleState
	recall recall
	pastes pastes
	start  startState
	budget budgetState
	attach attachState

	frameScheduled bool
	quitting       bool
	// quitArmed says the quit key kept a draft and waits to be pressed
	// again; any other key disarms it.
	quitArmed bool
}

// New returns a chat screen. It is used through a pointer: the model is
// large (the textarea alone is 15 KB), and Bubble Tea would otherwise copy
// it and box the copy on the heap after every message.
func New(opts Options) *Model {
	opts = opts.withDefaults()
	m := Model{opts: opts, keys: opts.Keys, model: opts.Model, help: help.New(), input: newInput(opts.Keys)}
	m.themeKnown = opts.Theme == "dark" || opts.Theme == "light"
	m.applyStyles(opts.Theme != "light")
	m.tr.follow = true
	m.tr.render = func(e *entry) { e.render(m.renderCtx()) }
	m.sys = systemPrompt{text: opts.System, role: m.roleOf(opts.System)}
	m.conv, m.role = m.newConversation(), m.sys.role
	m.syncSystemEntry()
	m.footer.after = opts.After
	m.attach.pending = opts.Attachments
	m.start.asking = opts.Model == "" && opts.Client != nil
	if len(opts.Notices) > 0 {
		m.footer.push(strings.Join(opts.Notices, " "), true)
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
	if opts.Clipboard == nil {
		opts.Clipboard = systemClipboard
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

// tick delivers msg after d on Bubble Tea's timer.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// Init asks for the background colour, has the terminal save its window
// title (see title.go), warms up the markdown renderer, learns about the
// server (see start.go) and loads a conversation to continue.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, tea.Raw(saveTitle{}), warmUp, m.startChecks()}
	if m.opts.Continue || m.opts.ResumeID != "" {
		cmds = append(cmds, loadConversation(m.opts.Reader, m.opts.ResumeID, m.opts.Continue))
	}
	return tea.Batch(cmds...)
}

// warmUp pays chroma's one-time cost off the first reply's path.
func warmUp() tea.Msg {
	_ = markdown.WarmUp()
	return nil
}

// NoColor reports whether the environment asks for no colours (NO_COLOR).
func NoColor() bool { return os.Getenv("NO_COLOR") != "" }
