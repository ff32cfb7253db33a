package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update is the one place where the chat's state changes. It routes each
// message to its handler and tells the view cache what the handler changed.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd, ch := m.route(msg)
	m.cache.mark(ch)
	// Whatever a handler did, a new notice gets its expiry and a new title
	// reaches the window.
	return m, tea.Batch(cmd, m.footer.schedule(), m.syncTitle(), m.askModelInfo(), m.lookUpSizes())
}

// route dispatches msg. The stream's and the store's handlers say what
// they changed; results of I/O change the screen but not the input;
// anything else (keys, pastes, sizes, a dialog's messages) may change
// everything.
func (m *Model) route(msg tea.Msg) (tea.Cmd, change) {
	switch msg := msg.(type) {
	case streamStartedMsg:
		return m.handleStarted(msg)
	case chunkMsg:
		return m.handleChunk(msg)
	case frameMsg:
		return m.handleFrame()
	case retryTickMsg:
		return m.handleRetryTick(msg)
	case elapsedTickMsg:
		return m.handleElapsedTick(msg)
	case persistedMsg:
		return m.handlePersisted(msg)
	case noticeExpiredMsg:
		if m.sel.deleting == nil || msg.seq != m.sel.asked { // a question waits for its answer
			m.footer.expire(msg.seq)
		}
		return nil, screenChanged
	case loadedMsg:
		return m.handleLoaded(msg), screenChanged
	case exportedMsg:
		return m.handleExported(msg), screenChanged
	case probedMsg: // the start's checks may send a prompt that waited
		return m.handleProbed(msg), allChanged
	case serverModelMsg:
		return m.handleServerModel(msg), allChanged
	case promptsMsg:
		return m.handlePrompts(msg), allChanged
	case editorReadyMsg:
		return m.handleEditorReady(msg), allChanged
	case editorDoneMsg:
		return m.handleEditorDone(msg), allChanged
	case copiedMsg:
		return m.handleCopied(msg), screenChanged
	case tea.RawMsg:
		return m.handleRaw(msg), unchanged
	case contextMsg:
		return msg.apply(m), allChanged
	}
	return m.handleInput(msg), allChanged
}

// handleInput handles the terminal's messages, and passes anything left to
// the open dialog (the result of a fetch it started) and the input
// (cursor blinks and the like).
func (m *Model) handleInput(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.handleResize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		return m.handleBackground(msg.IsDark())
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handlePaste(msg)
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
		return nil
	}
	var dcmd, cmd tea.Cmd
	if m.dialog != nil {
		dcmd = m.updateDialog(msg)
	}
	m.input, cmd = m.input.Update(msg)
	return tea.Batch(dcmd, cmd)
}

// handleResize lays the screen out again and re-renders for the new width.
func (m *Model) handleResize(w, h int) tea.Cmd {
	widthChanged := w != m.width
	m.width, m.height = w, h
	// The input grows to inputMaxLines, but leaves the header, the
	// separator, the status row, the key help and a line of transcript on
	// a short terminal.
	m.input.MaxHeight = max(1, min(inputMaxLines, h-5))
	m.input.SetWidth(max(10, w)) // also fits the input's height to the new maximum
	m.help.SetWidth(w)
	if widthChanged || m.renderer == nil {
		m.rerenderAll()
	}
	m.layout()
	return nil
}

// handleBackground follows the terminal's background when the theme is auto.
func (m *Model) handleBackground(isDark bool) tea.Cmd {
	if m.themeKnown || isDark == m.isDark {
		return nil
	}
	m.applyStyles(isDark)
	m.rerenderAll()
	m.layout()
	return nil
}

// layout sizes the transcript to what the header, help, input and footer
// leave, and an open dialog to the transcript's place.
func (m *Model) layout() {
	m.tr.width = m.width
	m.tr.height = max(1, m.height-m.chromeHeight())
	m.tr.settle()
	if m.dialog != nil {
		m.dialog.SetSize(m.width, m.tr.height)
	}
}

// chromeHeight is the number of lines that are not transcript.
func (m *Model) chromeHeight() int {
	return m.barsHeight() + len(m.helpLines())
}

// barsHeight is the header, the input's border, the input, the status
// rows and the key help.
func (m *Model) barsHeight() int {
	return 1 + 1 + m.input.Height() + m.statusHeight() + 1
}

// handleWheel scrolls the transcript with the mouse wheel (mouse mode only).
func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	switch msg.Button {
	case tea.MouseWheelUp:
		m.tr.scroll(-3)
	case tea.MouseWheelDown:
		m.tr.scroll(3)
	}
}

// handlePaste sends pasted text to whatever has focus.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.dialog != nil {
		return m.updateDialog(msg)
	}
	var cmd tea.Cmd
	if !m.insertLong(msg.Content) {
		m.input, cmd = m.input.Update(msg)
	}
	m.layout()
	return cmd
}

// handleKey gives a key press to the open dialog, or else to the input.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if !key.Matches(msg, m.keys.Quit) {
		m.quitArmed = false
	}
	switch {
	case m.dialog != nil:
		return m.dialogKey(msg)
	case m.sel.active:
		return m.selectKey(msg)
	}
	return m.inputKey(msg)
}

// inputKey handles keys while the input has focus.
func (m *Model) inputKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Send, k.Stop, k.Models, k.Roles, k.Editor, k.Conversations, k.Search, k.New, k.Export, k.Copy) {
		m.footer.clear() // the user acts again: the last notice is about something past
	}
	if msg.Code == tea.KeyTab && msg.Mod == 0 {
		if cmd, ok := m.completePath(); ok { // the cursor ends an @path token: Tab completes it
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quitKey()
	case key.Matches(msg, k.Stop) && m.editing != nil:
		m.cancelEdit()
		return nil
	case key.Matches(msg, k.Stop):
		if !m.stream.active {
			m.dismissStart()
		}
		return m.stop()
	case key.Matches(msg, k.Send):
		return m.sendKey()
	case key.Matches(msg, k.Select):
		return m.enterSelect()
	case key.Matches(msg, k.Newline):
		m.insertInput("\n")
		m.layout()
		return nil
	}
	return m.actionKey(msg)
}

// actionKey opens a dialog or acts on the conversation, or else scrolls.
func (m *Model) actionKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Models):
		return m.openModelMenu()
	case key.Matches(msg, k.Conversations):
		return m.openConvMenu()
	case key.Matches(msg, k.Search):
		return m.openSearch()
	case key.Matches(msg, k.Roles):
		return m.openRoleMenu()
	case key.Matches(msg, k.Editor):
		return m.openEditor()
	case key.Matches(msg, k.New):
		return m.newChat()
	case key.Matches(msg, k.Export):
		return m.export()
	case key.Matches(msg, k.Copy):
		return m.copyReply()
	case key.Matches(msg, k.ToggleReasoning):
		return m.toggleReasoning()
	case key.Matches(msg, k.Help):
		return m.toggleHelp()
	}
	return m.scrollKey(msg)
}

// toggleHelp shows or hides the full help.
func (m *Model) toggleHelp() tea.Cmd {
	m.help.ShowAll = !m.help.ShowAll
	m.layout()
	return nil
}

// scrollKey scrolls the transcript, or else passes the key to the input.
func (m *Model) scrollKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.PageUp):
		m.tr.scroll(-max(1, m.tr.height-1))
	case key.Matches(msg, k.PageDown):
		m.tr.scroll(max(1, m.tr.height-1))
	case key.Matches(msg, k.Top):
		m.tr.toTop()
	case key.Matches(msg, k.Bottom):
		m.tr.toBottom()
	default:
		if ok, load := m.recallKey(msg); ok {
			m.layout()
			return load
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.layout()
		return cmd
	}
	return nil
}
