// Command lockchat is a full-screen terminal chat client for the Lockchat
// API and every OpenAI-compatible streaming endpoint, with a one-shot mode
// for scripts. main only parses configuration, wires client, session and ui
// together and runs the program.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/fang"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/client/config"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui"
	"github.com/lockchat/lockchat/ui/markdown"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// Set by the release build.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// usageError marks a problem with how lockchat was called: exit status 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// exitError carries a chosen exit status without another message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the process exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	app := newApp(stdin, stdout, stderr)
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			var ee exitError
			if !errors.As(err, &ee) {
				fmt.Fprintf(w, "lockchat: %s\n", err)
			}
		}))
	return exitCode(err)
}

func exitCode(err error) int {
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

func versionString() string {
	v := version
	if commit != "" && commit != "none" {
		v += " (" + commit
		if date != "" {
			v += ", " + date
		}
		v += ")"
	}
	return v
}

// cobra reports bad flags and arguments through this hook: they are usage
// errors, exit status 2.
func flagError(_ *cobra.Command, err error) error {
	msg := err.Error()
	if i := strings.Index(msg, ": strconv.Parse"); i >= 0 {
		msg = msg[:i] + ": not a number"
	}
	return usageError{errors.New(msg)}
}

// noArgs rejects stray arguments as a usage error, exit status 2.
func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return usageError{err}
	}
	return nil
}

// app holds the command line's values and streams.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	prompt, configPath string
	flags              config.Flags
	temperature        float64
	maxRetries         int
	timeout            time.Duration
	cont, noSave, demo bool
	resume             string
	cpuProfile         string
	mouse              bool
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "lockchat [-p PROMPT] [flags]",
		Short: "A fast terminal chat client for Lockchat and OpenAI-compatible servers",
		Long: "lockchat opens a full-screen chat. With -p, or a prompt on standard input,\n" +
			"it sends one prompt and prints the reply (one-shot mode, for scripts).",
		Example: "  lockchat\n  lockchat -p 'Explain SSE in one paragraph'\n" +
			"  git diff | lockchat -p 'Review this change' -m gpt-4\n  lockchat --provider ollama -m llama3.2",
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.runRoot,
	}
	root.SetFlagErrorFunc(flagError)
	a.addConnectionFlags(root)
	f := root.Flags()
	f.StringVarP(&a.prompt, "prompt", "p", "", "send PROMPT, print the reply and exit")
	f.BoolVarP(&a.cont, "continue", "c", false, "continue the last conversation")
	f.StringVar(&a.resume, "resume", "", "reopen the conversation with this ID")
	f.BoolVar(&a.noSave, "no-save", false, "do not save the one-shot exchange")
	f.BoolVar(&a.demo, "demo", false, "chat with a built-in local demo server (no network, no key)")
	f.BoolVar(&a.mouse, "mouse", false, "scroll with the mouse wheel (turns off the terminal's own text selection)")
	f.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to FILE (for performance work)")
	_ = f.MarkHidden("cpuprofile")
	root.AddCommand(a.modelsCommand())
	a.addStoreCommands(root)
	return root
}

// addConnectionFlags declares the flags shared by commands that talk to a server.
func (a *app) addConnectionFlags(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&a.flags.Provider, "provider", "", "provider: "+strings.Join(client.BuiltinNames(), ", ")+", or one from the config file")
	f.StringVar(&a.flags.BaseURL, "base-url", "", "replace the provider's base URL (its auth style and user agent stay)")
	f.StringVarP(&a.flags.Model, "model", "m", "", "model to use")
	f.Float64VarP(&a.temperature, "temperature", "t", config.DefaultTemperature, "sampling temperature, 0 to 2")
	f.IntVar(&a.maxRetries, "max-retries", 3, "retries after the first request (0 = one request)")
	f.StringVar(&a.flags.UserAgent, "user-agent", "", "User-Agent header")
	f.DurationVar(&a.timeout, "timeout", 0, "deadline for the whole request in Go syntax, such as 90s (0 = none)")
	f.StringVar(&a.flags.System, "system", "", "system prompt")
	f.StringVar(&a.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/lockchat/config.toml)")
	f.StringVar(&a.flags.DataDir, "data-dir", "", "directory of the conversation store")
	cmd.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return a.collectFlags(cmd) }
}

// collectFlags records which flags were given, so unset ones don't
// override the environment or the config file.
func (a *app) collectFlags(cmd *cobra.Command) error {
	f := cmd.Flags()
	if f.Changed("temperature") {
		if !(a.temperature >= 0 && a.temperature <= 2) { // NaN too
			return usageError{fmt.Errorf("--temperature %v is out of range: use a value from 0 to 2", a.temperature)}
		}
		a.flags.Temperature = &a.temperature
	}
	if f.Changed("max-retries") {
		if a.maxRetries < 0 || a.maxRetries > 20 {
			return usageError{fmt.Errorf("--max-retries %d is out of range: use 0 to 20", a.maxRetries)}
		}
		a.flags.MaxRetries = &a.maxRetries
	}
	if f.Lookup("mouse") != nil && f.Changed("mouse") {
		a.flags.Mouse = &a.mouse
	}
	if f.Changed("timeout") {
		if a.timeout < 0 {
			return usageError{fmt.Errorf("--timeout %v must not be negative", a.timeout)}
		}
		a.flags.Timeout = &a.timeout
	}
	return nil
}

// settings loads the config file and resolves flags, environment and file;
// ctx ending (a signal) stops an api_key_cmd still running.
func (a *app) settings(ctx context.Context) (config.Settings, error) {
	path, required := a.configPath, a.configPath != ""
	if path == "" {
		path = config.DefaultPath()
	}
	file, err := config.Load(path, required)
	if err != nil {
		return config.Settings{}, usageError{err}
	}
	s, err := config.ResolveContext(ctx, file, os.Getenv, a.flags)
	if err != nil {
		return s, usageError{err}
	}
	// Every mode checks [keys], so a mistake is found the first time, not
	// when the chat is next opened.
	if _, err := ui.DefaultKeyMap().ApplyKeys(s.Keys); err != nil {
		var ke *ui.KeyError
		if errors.As(err, &ke) {
			err = file.ErrorAt("keys", ke.Action, ke.Msg)
		}
		return s, usageError{err}
	}
	return s, nil
}

// runRoot decides between one-shot mode and the full-screen chat.
func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	prompt, terminal, err := a.readPrompt()
	if err != nil {
		return err
	}
	if prompt == "" && (!terminal || cmd.Flags().Changed("prompt")) {
		return usageError{errors.New("no prompt: give one with -p PROMPT or on standard input")}
	}
	s, err := a.settings(cmd.Context())
	if err != nil {
		return err
	}
	if a.cpuProfile != "" {
		stop, err := startCPUProfile(a.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if a.demo {
		stopDemo, err := startDemo(&s)
		if err != nil {
			return err
		}
		defer stopDemo()
	}
	if prompt != "" {
		return a.oneShot(cmd.Context(), s, prompt)
	}
	return a.fullScreen(cmd.Context(), s)
}

// readPrompt combines -p and standard input: stdin, when it is not a
// terminal and not empty, is appended to the prompt after a blank line.
// terminal reports whether stdin is a terminal (then it is not read).
func (a *app) readPrompt() (prompt string, terminal bool, err error) {
	prompt = a.prompt
	if isTerminal(a.stdin) {
		return prompt, true, nil
	}
	data, err := io.ReadAll(a.stdin)
	if err != nil {
		return "", false, usageError{fmt.Errorf("could not read standard input: %v", err)}
	}
	in := strings.TrimRight(string(data), "\n")
	switch {
	case strings.TrimSpace(in) == "":
		return prompt, false, nil
	case prompt == "":
		return in, false, nil
	}
	return prompt + "\n\n" + in, false, nil
}

// isTerminal reports whether v is a terminal device.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// oneShot sends one prompt and prints the reply.
func (a *app) oneShot(ctx context.Context, s config.Settings, prompt string) error {
	c := client.New(s.Provider, s.Options)
	if w := s.Provider.PlainHTTPKeyWarning(); w != "" {
		fmt.Fprintln(a.stderr, "lockchat: "+w)
	}
	req := client.Request{Model: s.Model, Temperature: s.Temperature, MaxTokens: s.MaxTokens}
	var rec oneshot.Recorder
	var saver *oneshot.Saver
	if a.noSave && a.cont {
		return usageError{errors.New("--no-save and --continue can't be used together")}
	}
	req.Messages = session.History(s.System, nil)
	if !a.noSave {
		journal, _, notices, err := a.openStore(s)
		if err != nil {
			return err
		}
		defer a.closeStore(journal)
		a.printNotices(notices)
		saver, req.Messages, err = a.saver(journal, s, prompt)
		if err != nil {
			return err
		}
		rec = saver
	}
	req.Messages = append(req.Messages, client.Message{Role: client.RoleUser, Content: prompt})
	code := oneshot.Run(ctx, c, req, a.replyOutput(), a.stderr, rec, unreachableHint(s))
	if saver != nil {
		for _, n := range saver.Notices() {
			a.printNotices([]string{n.Text})
		}
	}
	if code != 0 {
		return exitError{code}
	}
	return nil
}

// saver starts recording the exchange: in the last conversation with -c
// (whose messages are sent as history), else in a new one. It returns the
// messages that go before the prompt: no hidden system prompt, ever.
func (a *app) saver(j *session.Journal, s config.Settings, prompt string) (*oneshot.Saver, []client.Message, error) {
	conv := session.Conversation{ID: session.NewID(), Title: session.Title(prompt),
		ProviderName: s.Provider.Name, Provider: client.StoredBaseURL(s.Provider), SystemPrompt: s.System}
	if !a.cont {
		return oneshot.NewSaver(j, conv, true, "", prompt, s.Model), session.History(s.System, nil), nil
	}
	store := j.Store()
	if store == nil {
		return nil, nil, errors.New("--continue needs the conversation store, which could not be opened")
	}
	last, err := store.Last()
	if errors.Is(err, session.ErrNotFound) {
		fmt.Fprintln(a.stderr, "lockchat: there is no saved conversation to continue yet: starting a new one.")
		return oneshot.NewSaver(j, conv, true, "", prompt, s.Model), session.History(s.System, nil), nil
	}
	if err != nil {
		return nil, nil, err
	}
	conv, msgs, err := store.Load(last.ID)
	if err != nil {
		return nil, nil, err
	}
	path := session.NewTree(msgs).Path(conv.LeafID)
	parent := ""
	if len(path) > 0 {
		parent = path[len(path)-1].ID
	}
	// A continued conversation keeps its system prompt unless --system replaces it.
	system := cmp.Or(s.System, conv.SystemPrompt)
	return oneshot.NewSaver(j, conv, false, parent, prompt, s.Model), session.History(system, path), nil
}

// printNotices writes store notices to stderr, one sentence each.
func (a *app) printNotices(notices []string) {
	for _, n := range notices {
		fmt.Fprintf(a.stderr, "lockchat: %s\n", sanitize.Line(n))
	}
}

// replyOutput picks raw bytes for pipes and rendered markdown for terminals.
func (a *app) replyOutput() oneshot.Output {
	if isTerminal(a.stdout) {
		theme := markdown.ThemeDark
		switch {
		case ui.NoColor():
			theme = markdown.ThemePlain
		case !lipgloss.HasDarkBackground(os.Stdin, os.Stdout):
			theme = markdown.ThemeLight
		}
		return oneshot.NewRendered(a.stdout, terminalWidth(a.stdout), theme)
	}
	return &oneshot.Raw{W: a.stdout}
}

// unreachableHint names the ways on when the default Lockchat host, which
// is gone, cannot be reached.
func unreachableHint(s config.Settings) func(*client.Error) string {
	def := client.Builtin()["lockchat"].BaseURL
	return func(e *client.Error) string {
		if s.Provider.Name != "lockchat" || s.Provider.BaseURL != def || (e.Kind != client.KindNetwork && e.Kind != client.KindTimeout) {
			return ""
		}
		return "The Lockchat service could not be reached (it may be gone for good): try --demo, --provider ollama, --provider openai with OPENAI_API_KEY set, or --base-url URL."
	}
}

// modelsCommand prints the merged model list.
func (a *app) modelsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "models",
		Short: "List the models of the provider (built-in, configured and the server's)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.settings(cmd.Context())
			if err != nil {
				return err
			}
			c := client.New(s.Provider, s.Options)
			server, err := c.ListModels(cmd.Context())
			if err != nil {
				fmt.Fprintf(a.stderr, "lockchat: note: %s\n", err)
			}
			return printModels(a.stdout, client.MergeModels(append([]string{s.Model}, s.Provider.Models...), server))
		},
	}
}

// printModels writes one model name a line; a failed write (a full disk,
// a closed pipe) is the command's failure, not a silent short list.
func printModels(w io.Writer, models []string) error {
	for _, m := range models {
		if _, err := fmt.Fprintln(w, sanitize.Line(m)); err != nil {
			return fmt.Errorf("could not write the model list: %w", err)
		}
	}
	return nil
}

// terminalWidth is the width of the terminal behind w, or 80.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 80
}

// fullScreen runs the chat screen.
func (a *app) fullScreen(ctx context.Context, s config.Settings) error {
	keys, err := ui.DefaultKeyMap().ApplyKeys(s.Keys)
	if err != nil { // settings checked them already
		return usageError{err}
	}
	journal, store, notices, err := a.openStore(s)
	if err != nil {
		return err
	}
	defer a.closeStore(journal)
	s.Options.ReadInterval = ui.ReadInterval
	c := client.New(s.Provider, s.Options)
	if w := s.Provider.PlainHTTPKeyWarning(); w != "" {
		notices = append(notices, w)
	}
	tuneRuntime()
	cwd, _ := os.Getwd()
	opts := ui.Options{
		Client: c, Model: s.Model, ModelChosen: a.flags.Model != "" || os.Getenv("LOCKCHAT_MODEL") != "",
		Temperature: s.Temperature, MaxTokens: s.MaxTokens,
		System: s.System, Models: s.Provider.Models, Keys: keys, Mouse: s.Mouse,
		Theme: s.Theme, NoColor: ui.NoColor(),
		Continue: a.cont, ResumeID: a.resume, ExportDir: cwd, Notices: notices,
		ErrorHint: unreachableHint(s),
	}
	if journal != nil {
		opts.Journal = journal
	}
	if store != nil {
		opts.Reader = store
	}
	// lipgloss detected the terminal's colours when it was loaded; letting
	// Bubble Tea detect them again would run `tmux info` a second time
	// inside tmux, 25 ms of start-up.
	_, err = tea.NewProgram(ui.New(opts), tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile)).Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the terminal interface failed: %v", err)
	}
	return nil
}

// storePath is where conversations live: --data-dir, data_dir or the default.
func storePath(s config.Settings) (string, error) {
	if s.DataDir != "" {
		return session.PathIn(s.DataDir)
	}
	return session.DefaultPath()
}

// openStore opens the conversation store through a journal, which keeps
// the conversation in memory whenever the store can't be written.
func (a *app) openStore(s config.Settings) (*session.Journal, *session.Store, []string, error) {
	path, err := storePath(s)
	if err != nil {
		return nil, nil, nil, err
	}
	journal, opened := session.OpenJournal(path)
	var notices []string
	for _, n := range opened {
		notices = append(notices, n.Text)
	}
	return journal, journal.Store(), notices, nil
}

// closeStore flushes what is left and says so if anything could not be saved.
func (a *app) closeStore(j *session.Journal) {
	if j == nil {
		return
	}
	if err := j.Close(); err != nil {
		fmt.Fprintf(a.stderr, "lockchat: %s\n", sanitize.Line(err.Error()))
	}
}

// startDemo serves canned markdown replies from a loopback server inside
// this process and points the settings at it: the real app, no network.
func startDemo(s *config.Settings) (func(), error) {
	srv, err := clienttest.New(clienttest.WithScript(clienttest.Demo()),
		clienttest.WithModels("gpt-4", "gpt-3.5-turbo", "gpt-4o", "gpt-4o-mini", "llama3.2", "qwen2.5-coder:7b",
			clienttest.DemoThinkingModel))
	if err != nil {
		return nil, fmt.Errorf("could not start the demo server: %v", err)
	}
	p := client.Builtin()["lockchat"]
	p.Name, p.BaseURL = "demo", srv.URL
	s.Provider = p
	if s.Model == "" || s.Model == client.Builtin()["lockchat"].DefaultModel {
		s.Model = p.DefaultModel
	}
	return srv.Close, nil
}

// addStoreCommands adds ls, export, search, rm and rename: they read the
// store directly and work offline, with no key and no server.
func (a *app) addStoreCommands(root *cobra.Command) {
	var asJSON bool
	var format, output string
	ls := &cobra.Command{Use: "ls", Short: "List saved conversations, newest first", Args: cobra.NoArgs,
		RunE: a.withStore(func(s *session.Store, _ []string) error { return s.PrintList(a.stdout, asJSON) })}
	ls.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	search := &cobra.Command{Use: "search QUERY", Short: "Search the text of saved conversations", Args: cobra.MinimumNArgs(1),
		RunE: a.withStore(func(s *session.Store, args []string) error {
			return s.PrintSearch(a.stdout, strings.Join(args, " "), asJSON)
		})}
	search.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	export := &cobra.Command{Use: "export [ID|last]", Short: "Export a conversation as Markdown or JSON", Args: cobra.MaximumNArgs(1),
		RunE: a.withStore(func(s *session.Store, args []string) error { return a.export(s, args, format, output) })}
	export.Flags().StringVar(&format, "format", "md", "md or json")
	export.Flags().StringVarP(&output, "output", "o", "", "write to FILE (atomically) instead of standard output")
	rm := &cobra.Command{Use: "rm ID", Short: "Delete a conversation", Args: cobra.ExactArgs(1),
		RunE: a.withStore(func(s *session.Store, args []string) error { return s.PrintRemove(a.stdout, args[0]) })}
	rename := &cobra.Command{Use: "rename ID TITLE", Short: "Rename a conversation", Args: cobra.MinimumNArgs(2),
		RunE: a.withStore(func(s *session.Store, args []string) error {
			return s.PrintRename(a.stdout, args[0], strings.Join(args[1:], " "))
		})}
	for _, c := range []*cobra.Command{ls, search, export, rm, rename} {
		c.SetFlagErrorFunc(flagError)
		root.AddCommand(c)
	}
}

// withStore opens the store for a subcommand and closes it after.
func (a *app) withStore(f func(*session.Store, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		s, err := a.settings(cmd.Context())
		if err != nil {
			return err
		}
		path, err := storePath(s)
		if err != nil {
			return err
		}
		store, notices, err := session.Open(path)
		for _, n := range notices {
			fmt.Fprintf(a.stderr, "lockchat: %s\n", n.Text)
		}
		if err != nil {
			return err
		}
		defer store.Close()
		return f(store, args)
	}
}

// export writes one conversation in the chosen format, to stdout or
// atomically to a file.
func (a *app) export(s *session.Store, args []string, format, output string) error {
	switch format {
	case "md", "markdown", "json":
	default:
		return usageError{fmt.Errorf("--format %q: use md or json", format)}
	}
	ref := session.LastWord
	if len(args) == 1 {
		ref = args[0]
	}
	if output == "" {
		return s.Export(a.stdout, ref, format)
	}
	return session.WriteFileAtomic(output, func(w io.Writer) error { return s.Export(w, ref, format) })
}

// startCPUProfile profiles the run into path until the returned func is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write the CPU profile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot start the CPU profile: %v", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// tuneRuntime sets the runtime up for a long-lived, mostly idle chat,
// unless the environment already says otherwise.
func tuneRuntime() {
	if os.Getenv("GOMAXPROCS") == "" {
		// The chat waits on the network and the terminal most of the time;
		// on one thread the runtime stops handing each token from thread to
		// thread: 0.35-0.37 s of CPU per 1,000 streamed tokens, not 0.38-0.41.
		runtime.GOMAXPROCS(1)
	}
	if os.Getenv("GOGC") == "" {
		// The chat's live heap is small and steady; collecting at 50% growth
		// instead of 100% keeps peak memory about 4 MB lower (37 MB instead of
		// 40 MB streaming a long reply) for no measurable CPU.
		debug.SetGCPercent(50)
	}
}
