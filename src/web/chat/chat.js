/*
 * The SalesMatrix web chat: plain browser JavaScript, no build step, nothing loaded from anywhere but this server.
 * Talks to POST /api/chat (Server-Sent Events: start, progress, heartbeat, reply | error) with the API key kept
 * in localStorage, and shows the digest inbox (GET /api/digest-inbox/:inbox), whose "Reply" starts a conversation
 * from a digest. Every piece of text from the server goes into the page through textContent, never innerHTML.
 */
/* global document, window, localStorage, fetch, TextDecoder, crypto, setInterval, clearInterval, console */

const keyStorageName = 'salesmatrix.apiKey'
const inboxStorageName = 'salesmatrix.inbox'
const defaultInbox = 'leadership'
const maxTableRows = 500

const labels = {
  en: {
    showSql: 'Show SQL',
    table: 'Result table',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    thanks: 'Thanks for the feedback!',
    feedbackFailed: 'Feedback could not be saved.',
    reference: 'Reference',
    tryNext: 'Try next',
    rowsShown: (shown, total) => `Showing ${shown} of ${total} rows.`,
    truncated: 'The result was cut at the row limit.',
    sources: 'Sources',
    page: (page) => `p. ${page}`,
  },
  pt: {
    showSql: 'Mostrar SQL',
    table: 'Tabela de resultados',
    helpful: 'Útil',
    notHelpful: 'Não ajudou',
    thanks: 'Obrigado pelo retorno!',
    feedbackFailed: 'Não foi possível salvar o retorno.',
    reference: 'Referência',
    tryNext: 'Experimente',
    rowsShown: (shown, total) => `Mostrando ${shown} de ${total} linhas.`,
    truncated: 'O resultado foi cortado no limite de linhas.',
    sources: 'Fontes',
    page: (page) => `p. ${page}`,
  },
}
const labelsFor = (language) => labels[language] ?? labels.en

const examples = ['revenue by region last month', 'top 5 products by revenue this year', 'receita por vendedor no último trimestre']

/** `replyTo`: the digest a new thread answers ({ deliveryId, title }), sent with its first message only. */
const state = { key: undefined, threadId: newThreadId(), pending: false, language: 'en', replyTo: undefined }

const $ = (id) => document.getElementById(id)
const ui = {
  keyGate: $('key-gate'),
  keyForm: $('key-form'),
  keyInput: $('key-input'),
  keyError: $('key-error'),
  chat: $('chat'),
  messages: $('messages'),
  composer: $('composer'),
  message: $('message'),
  send: $('send'),
  alwaysSql: $('always-sql'),
  newThread: $('new-thread'),
  forgetKey: $('forget-key'),
  showInbox: $('show-inbox'),
  inbox: $('inbox'),
  inboxForm: $('inbox-form'),
  inboxName: $('inbox-name'),
  inboxBack: $('inbox-back'),
  inboxStatus: $('inbox-status'),
  inboxList: $('inbox-list'),
}

/** Builds an element; strings among the children become text nodes, so data is never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    if (name === 'class') node.className = value
    else if (name === 'text') node.textContent = value
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child)
  return node
}

/** 24 hex characters from the browser's CSPRNG (crypto.randomUUID needs a secure context; this does not). */
function newThreadId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

// ---- the API key -------------------------------------------------------------------------------------------

function readStoredKey() {
  try {
    return localStorage.getItem(keyStorageName) ?? undefined
  } catch (error) {
    console.warn('localStorage is not available; the key lasts until the page is closed', error)
    return undefined
  }
}

function storeKey(key) {
  state.key = key
  try {
    localStorage.setItem(keyStorageName, key)
  } catch (error) {
    console.warn('localStorage is not available; the key lasts until the page is closed', error)
  }
}

function forgetKey(reason) {
  state.key = undefined
  try {
    localStorage.removeItem(keyStorageName)
  } catch (error) {
    console.warn('could not remove the key from localStorage', error)
  }
  showKeyGate(reason)
}

function showKeyGate(reason) {
  ui.chat.hidden = true
  ui.inbox.hidden = true
  ui.newThread.hidden = true
  ui.forgetKey.hidden = true
  ui.showInbox.hidden = true
  ui.keyGate.hidden = false
  ui.keyError.hidden = !reason
  ui.keyError.textContent = reason ?? ''
  ui.keyInput.value = ''
  ui.keyInput.focus()
}

function showChat() {
  ui.keyGate.hidden = true
  ui.newThread.hidden = false
  ui.forgetKey.hidden = false
  ui.showInbox.hidden = false
  showConversationView()
  startNewConversation()
}

// ---- conversation --------------------------------------------------------------------------------------------

/** A fresh thread; with `replyTo` ({ deliveryId, title, summary }) it continues from that digest's period and scope. */
function startNewConversation(replyTo) {
  state.threadId = newThreadId()
  state.replyTo = replyTo
  ui.messages.replaceChildren(replyTo ? digestReplyIntro(replyTo) : el('li', { class: 'message assistant intro' },
    el('p', { text: 'Ask a question about your sales in English or Portuguese. Answers show the figures, how they were computed, and the SQL behind them.' }),
    chips(examples, 'Examples'),
  ))
  ui.message.focus()
}

function digestReplyIntro(replyTo) {
  return el('li', { class: 'message assistant intro digest-reply' },
    el('p', { class: 'headline', text: `Replying to “${replyTo.title}”` }),
    replyTo.summary ? el('blockquote', { class: 'digest-quote', text: replyTo.summary }) : undefined,
    el('p', { text: 'Ask a follow-up: it starts from the digest’s period and scope (region, category).' }),
    chips(digestFollowUps, 'Follow-up examples'),
  )
}

const digestFollowUps = ['why did it change?', 'by category', 'top 5 reps']

function chips(texts, title) {
  const list = el('div', { class: 'chips', role: 'group', 'aria-label': title })
  for (const text of texts) {
    const chip = el('button', { type: 'button', class: 'chip', text })
    chip.addEventListener('click', () => void sendMessage(text))
    list.append(chip)
  }
  return list
}

function scrollToEnd() {
  window.scrollTo({ top: document.documentElement.scrollHeight })
}

function setPending(pending) {
  state.pending = pending
  ui.send.disabled = pending
  ui.chat.classList.toggle('pending', pending)
}

/** `action` answers a reply's confirmation (Confirm / Cancel): { kind: 'confirm' | 'cancel', actionId }. */
async function sendMessage(rawText, action) {
  const text = rawText.trim()
  if (!text || state.pending || !state.key) return false
  setPending(true)
  ui.messages.append(el('li', { class: 'message user' }, el('p', { text })))
  const bubble = el('li', { class: 'message assistant waiting', 'aria-busy': 'true' })
  const progress = createProgressLine()
  bubble.append(progress.node)
  ui.messages.append(bubble)
  scrollToEnd()

  let requestId
  let settled = false
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${state.key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ threadId: state.threadId, message: text, showSql: ui.alwaysSql.checked || undefined, action, digestDeliveryId: state.replyTo?.deliveryId }),
    })
    requestId = response.headers.get('x-request-id') ?? undefined
    if (response.status === 401) {
      forgetKey('That API key was not accepted (unknown or revoked). Paste a valid key.')
      return
    }
    if (!response.ok || !response.body) {
      const problem = await response.json().catch(() => ({}))
      renderFailure(bubble, problem.detail ?? `The server answered ${response.status}.`, problem.request_id ?? requestId)
      settled = true
      return
    }
    await readEvents(response.body, (event, data) => {
      if (event === 'start') requestId = data.requestId ?? requestId
      else if (event === 'progress') progress.update(data.message)
      else if (event === 'heartbeat') progress.alive(data.elapsedMs)
      else if (event === 'reply') {
        renderReply(bubble, data)
        settled = true
        // The thread now holds the digest's context on the server; later turns must not depend on the digest existing.
        state.replyTo = undefined
      } else if (event === 'error') {
        renderFailure(bubble, data.detail ?? 'The analyst could not answer.', data.request_id ?? requestId)
        settled = true
      }
    })
    if (!settled) renderFailure(bubble, 'The connection closed before the answer arrived. Please try again.', requestId)
    settled = true
  } catch (error) {
    console.warn('chat request failed', error)
    if (!settled) renderFailure(bubble, 'Could not reach the SalesMatrix server. Check that it is running and try again.', requestId)
  } finally {
    progress.stop()
    bubble.removeAttribute('aria-busy')
    bubble.classList.remove('waiting')
    setPending(false)
    scrollToEnd()
    if (!ui.chat.hidden) ui.message.focus()
  }
  return true
}

/** Parses a text/event-stream body and calls onEvent(name, parsedData) per event. */
async function readEvents(body, onEvent) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const dispatch = (block) => {
    let event = 'message'
    const data = []
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (!data.length) return
    let parsed
    try {
      parsed = JSON.parse(data.join('\n'))
    } catch (error) {
      console.warn('ignoring an event that is not JSON', event, error)
      return
    }
    onEvent(event, parsed)
  }
  for (;;) {
    const { value, done } = await reader.read()
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done })
    const blocks = buffer.split(/\r?\n\r?\n/)
    buffer = blocks.pop() ?? ''
    for (const block of blocks) dispatch(block)
    if (done) break
  }
  if (buffer.trim()) dispatch(buffer)
}

/** "Understanding the question… 4 s": the live line shown while a turn is under way. */
function createProgressLine() {
  const text = el('span', { class: 'progress-text', text: 'Sending your question…' })
  const elapsed = el('span', { class: 'elapsed' })
  const node = el('p', { class: 'progress', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), text, elapsed)
  const started = Date.now()
  const tick = () => {
    const seconds = Math.floor((Date.now() - started) / 1000)
    elapsed.textContent = seconds >= 2 ? ` ${seconds} s` : ''
  }
  const timer = setInterval(tick, 1000)
  return {
    node,
    update(message) {
      if (typeof message === 'string' && message) text.textContent = message
    },
    /** A heartbeat from the server: the connection is alive and the turn is still being worked on. */
    alive() {
      tick()
    },
    stop() {
      clearInterval(timer)
    },
  }
}

// ---- replies --------------------------------------------------------------------------------------------------

const howComputedLine = /^(How computed|Como foi calculado):/
const rowsShownLine = /^\((showing|mostrando) \d+ (of|de) \d+\)$/
const sqlLabelLine = /^SQL:$/
const referenceLine = /^(Reference|Referência): \S+$/

/** Splits the reply text into plain lines and fenced blocks (```lang … ```). */
function parseText(text) {
  const segments = []
  const lines = String(text ?? '').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i])
    if (!fence) {
      segments.push({ kind: 'line', text: lines[i] })
      continue
    }
    const body = []
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i])
    segments.push({ kind: 'code', lang: fence[1], text: body.join('\n') })
  }
  return segments
}

function renderReply(bubble, reply) {
  const language = reply.language === 'pt' ? 'pt' : 'en'
  const words = labelsFor(language)
  state.language = language
  document.documentElement.lang = language === 'pt' ? 'pt-BR' : 'en'
  bubble.lang = language === 'pt' ? 'pt-BR' : 'en'
  bubble.replaceChildren()
  bubble.classList.toggle('failed', !reply.ok)

  const table = reply.table && Array.isArray(reply.table.columns) && reply.table.columns.length && Array.isArray(reply.table.display) ? reply.table : undefined
  const body = el('div', { class: 'reply-body' })
  let tableShown = false
  const segments = parseText(reply.text)
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (segment.kind === 'code') {
      if (segment.lang.toLowerCase() === 'sql' && reply.sql) continue // shown under "Show SQL" below
      if (!segment.lang && table && !tableShown) {
        body.append(renderTable(table, words))
        tableShown = true
        // The text table's "(showing 20 of 35)" describes the text, not the HTML table.
        if (segments[i + 1]?.kind === 'line' && rowsShownLine.test(segments[i + 1].text.trim())) i++
        continue
      }
      body.append(el('pre', { class: 'code' }, el('code', { text: segment.text })))
      continue
    }
    const line = segment.text
    if (!line.trim()) continue
    // "SQL:" introduces the fenced SQL that the toggle shows instead.
    if (sqlLabelLine.test(line.trim()) && segments[i + 1]?.kind === 'code' && segments[i + 1].lang.toLowerCase() === 'sql' && reply.sql) continue
    const isFirst = !body.childElementCount
    const kind = howComputedLine.test(line) ? 'how' : referenceLine.test(line) ? 'reference' : isFirst ? 'headline' : 'line'
    body.append(el('p', { class: kind, text: line }))
  }
  if (table && !tableShown) {
    const headline = body.querySelector('.headline')
    const rendered = renderTable(table, words)
    if (headline) headline.after(rendered)
    else body.prepend(rendered)
  }
  bubble.append(body)

  const chart = chartFor(reply)
  if (chart) bubble.append(el('figure', { class: 'chart' }, chart))

  const sources = sourcesFor(reply, words)
  if (sources) bubble.append(sources)

  const confirmation = confirmationFor(reply)
  if (confirmation) bubble.append(confirmation)

  if (reply.sql) {
    bubble.append(
      el('details', { class: 'sql', open: Boolean(reply.showSql) },
        el('summary', { text: words.showSql }),
        el('pre', {}, el('code', { class: 'language-sql', text: reply.sql })),
      ),
    )
  }
  // The agent usually quotes the reference in a failed reply's text already; show it once either way.
  if (!reply.ok && reply.turnId && !String(reply.text ?? '').includes(reply.turnId)) {
    bubble.append(el('p', { class: 'reference', text: `${words.reference}: ${reply.turnId}` }))
  }
  if (reply.turnId) bubble.append(feedbackButtons(reply.turnId, words))
  if (Array.isArray(reply.suggestions) && reply.suggestions.length) bubble.append(chips(reply.suggestions, words.tryNext))
}

/**
 * The document passages the answer cites (AgentReply.citations: { n, title, fileName, section?, page?, excerpt }, the
 * text's [1], [2]…) as "[1] Price list — Discounts › Enterprise, p. 3", each passage folded behind its label.
 * Documents are data: every field goes in as text, so a passage holding HTML or Markdown shows exactly as written.
 */
function sourcesFor(reply, words) {
  const citations = Array.isArray(reply.citations) ? reply.citations.filter((c) => c && typeof c === 'object') : []
  if (!citations.length) return undefined
  const list = el('ol', { class: 'sources-list' })
  for (const citation of citations) {
    const label = citationLabel(citation, words)
    const excerpt = typeof citation.excerpt === 'string' ? citation.excerpt.trim() : ''
    list.append(
      el('li', { class: 'source' },
        excerpt
          ? el('details', {}, el('summary', { text: label }), el('blockquote', { class: 'source-excerpt', text: excerpt }))
          : el('p', { text: label }),
      ),
    )
  }
  return el('section', { class: 'sources', 'aria-label': words.sources }, el('h3', { class: 'sources-title', text: words.sources }), list)
}

function citationLabel(citation, words) {
  const title = String(citation.title || citation.fileName || '').trim()
  const section = typeof citation.section === 'string' ? citation.section.trim() : ''
  const page = Number.isInteger(citation.page) && citation.page > 0 ? words.page(citation.page) : ''
  const where = [section, page].filter(Boolean).join(', ')
  return `[${Number.isInteger(citation.n) ? citation.n : '?'}] ${title}${where ? ` — ${where}` : ''}`
}

/**
 * A write the agent proposes (AgentReply.confirmation: { actionId, summary, confirmLabel, cancelLabel }, e.g. logging
 * a sale): its summary with Confirm and Cancel, which send a turn carrying the action. Both buttons are disabled
 * once one is pressed, so a double click sends one answer (the server records one order either way).
 */
function confirmationFor(reply) {
  const confirmation = reply.confirmation
  if (!confirmation || typeof confirmation.actionId !== 'string' || typeof confirmation.summary !== 'string') return undefined
  const confirmLabel = String(confirmation.confirmLabel || 'Confirm')
  const cancelLabel = String(confirmation.cancelLabel || 'Cancel')
  const confirm = el('button', { type: 'button', class: 'confirm-action primary', text: confirmLabel })
  const cancel = el('button', { type: 'button', class: 'confirm-action', text: cancelLabel })
  const box = el('div', { class: 'confirmation', role: 'group', 'aria-label': confirmation.summary },
    el('p', { class: 'confirmation-summary', text: confirmation.summary }),
    el('div', { class: 'confirmation-buttons' }, confirm, cancel),
  )
  const answer = async (button, kind, label) => {
    if (confirm.disabled || state.pending) return
    confirm.disabled = cancel.disabled = true
    button.setAttribute('aria-pressed', 'true')
    const sent = await sendMessage(label, { kind, actionId: confirmation.actionId })
    // Not sent (another turn was still running): the choice is still open.
    if (!sent) {
      confirm.disabled = cancel.disabled = false
      button.removeAttribute('aria-pressed')
    }
  }
  confirm.addEventListener('click', () => void answer(confirm, 'confirm', confirmLabel))
  cancel.addEventListener('click', () => void answer(cancel, 'cancel', cancelLabel))
  return box
}

/**
 * The reply's chart (AgentReply.chart: { spec, pngBase64, width, height, alt }) as an image that scales to the bubble,
 * phone width included. Only a PNG that is base64 text becomes a data: URL, so a reply can never point the page at
 * another address; the alt text is the chart's title and what it shows.
 */
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/

function chartFor(reply) {
  const chart = reply.chart
  if (!chart || typeof chart.pngBase64 !== 'string' || !base64Text.test(chart.pngBase64)) return undefined
  const width = Number(chart.width)
  const height = Number(chart.height)
  return el('img', {
    src: `data:image/png;base64,${chart.pngBase64}`,
    alt: typeof chart.alt === 'string' && chart.alt ? chart.alt : reply.headline ?? '',
    // The intrinsic size keeps the space while the image decodes; CSS scales it down to the bubble.
    width: Number.isFinite(width) && width > 0 ? Math.round(width) : undefined,
    height: Number.isFinite(height) && height > 0 ? Math.round(height) : undefined,
    decoding: 'async',
  })
}

function renderTable(table, words) {
  const numeric = table.columns.map((column) => column.role !== 'dimension')
  const head = el('tr', {}, ...table.columns.map((column, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : undefined, text: column.label ?? column.name })))
  const rows = table.display.slice(0, maxTableRows)
  const bodyRows = rows.map((row) => el('tr', {}, ...table.columns.map((_, i) => el('td', { class: numeric[i] ? 'num' : undefined, text: row[i] ?? '' }))))
  const wrap = el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': words.table }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...bodyRows)))
  const notes = []
  if (table.display.length > rows.length) notes.push(words.rowsShown(rows.length, table.display.length))
  if (table.truncated) notes.push(words.truncated)
  if (!notes.length) return wrap
  return el('div', { class: 'table-block' }, wrap, el('p', { class: 'table-note', text: notes.join(' ') }))
}

function feedbackButtons(turnId, words) {
  const status = el('span', { class: 'feedback-status', role: 'status' })
  const up = el('button', { type: 'button', class: 'vote', 'aria-label': words.helpful, title: words.helpful, 'data-rating': 'up', text: '👍' })
  const down = el('button', { type: 'button', class: 'vote', 'aria-label': words.notHelpful, title: words.notHelpful, 'data-rating': 'down', text: '👎' })
  const row = el('div', { class: 'feedback' }, up, down, status)
  const vote = async (button, rating) => {
    up.disabled = down.disabled = true
    status.className = 'feedback-status'
    status.textContent = ''
    let saved = false
    try {
      const response = await fetch(`/api/turns/${encodeURIComponent(turnId)}/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${state.key}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ rating }),
      })
      saved = response.ok
    } catch (error) {
      console.warn('feedback request failed', error)
    }
    if (saved) {
      button.setAttribute('aria-pressed', 'true')
      status.textContent = words.thanks
      status.classList.add('ok')
    } else {
      up.disabled = down.disabled = false
      status.textContent = words.feedbackFailed
      status.classList.add('quiet-error')
    }
  }
  up.addEventListener('click', () => void vote(up, 'up'))
  down.addEventListener('click', () => void vote(down, 'down'))
  return row
}

function renderFailure(bubble, message, reference) {
  const words = labelsFor(state.language)
  bubble.replaceChildren(el('p', { class: 'line', text: message }))
  if (reference) bubble.append(el('p', { class: 'reference', text: `${words.reference}: ${reference}` }))
  bubble.classList.add('failed')
}

// ---- digest inbox --------------------------------------------------------------------------------------------

function showConversationView() {
  ui.inbox.hidden = true
  ui.chat.hidden = false
  ui.showInbox.setAttribute('aria-pressed', 'false')
}

function showInboxView() {
  ui.chat.hidden = true
  ui.inbox.hidden = false
  ui.showInbox.setAttribute('aria-pressed', 'true')
  ui.inboxName.value = readStoredInbox()
  void loadInbox()
}

function readStoredInbox() {
  try {
    return localStorage.getItem(inboxStorageName) || defaultInbox
  } catch (error) {
    console.warn('localStorage is not available; the inbox name is not remembered', error)
    return defaultInbox
  }
}

function storeInbox(name) {
  try {
    localStorage.setItem(inboxStorageName, name)
  } catch (error) {
    console.warn('localStorage is not available; the inbox name is not remembered', error)
  }
}

/** The digests of the named inbox, newest first; a key that may not read inboxes (reps) is told so. */
async function loadInbox() {
  const inbox = ui.inboxName.value.trim() || defaultInbox
  ui.inboxStatus.textContent = `Loading “${inbox}”…`
  ui.inboxList.replaceChildren()
  let response
  try {
    response = await fetch(`/api/digest-inbox/${encodeURIComponent(inbox)}?limit=20`, { headers: { authorization: `Bearer ${state.key}`, accept: 'application/json' } })
  } catch (error) {
    console.warn('inbox request failed', error)
    ui.inboxStatus.textContent = 'Could not reach the SalesMatrix server. Check that it is running and try again.'
    return
  }
  if (response.status === 401) return forgetKey('That API key was not accepted (unknown or revoked). Paste a valid key.')
  const body = await response.json().catch(() => ({}))
  if (response.status === 403) {
    ui.inboxStatus.textContent = 'This key cannot read digest inboxes: admin and analyst keys can.'
    return
  }
  if (!response.ok) {
    ui.inboxStatus.textContent = body.detail ?? `The server answered ${response.status}.`
    return
  }
  storeInbox(inbox)
  const messages = Array.isArray(body.data) ? body.data : []
  ui.inboxStatus.textContent = messages.length ? `${messages.length} ${messages.length === 1 ? 'digest' : 'digests'} in “${inbox}”.` : `No digests in “${inbox}” yet.`
  ui.inboxList.replaceChildren(...messages.map(digestCard))
}

/** One digest: title, when, the text as posted (preformatted), its chart, and Reply. */
function digestCard(message) {
  const title = String(message.title ?? '')
  const reply = el('button', { type: 'button', class: 'digest-reply-button', 'aria-label': `Reply to ${title}`, text: 'Reply' })
  reply.addEventListener('click', () => replyToDigest(message))
  const posted = message.created_at ? new Date(message.created_at) : undefined
  const chart = chartFor({ chart: message.chart ? { pngBase64: message.chart.png_base64, alt: message.chart.alt } : undefined, headline: title })
  return el('li', { class: 'digest' },
    el('h3', { class: 'digest-title', text: title }),
    posted && !Number.isNaN(posted.getTime()) ? el('p', { class: 'digest-when' }, el('time', { datetime: posted.toISOString(), text: posted.toLocaleString() })) : undefined,
    el('pre', { class: 'digest-text', text: String(message.text ?? '') }),
    chart ? el('figure', { class: 'chart' }, chart) : undefined,
    el('div', { class: 'digest-actions' }, reply),
  )
}

function replyToDigest(message) {
  if (state.pending) return
  showConversationView()
  // Only a real delivery id is sent: the chat API answers anything else with a 400.
  const deliveryId = Number.isSafeInteger(message.delivery_id) && message.delivery_id > 0 ? message.delivery_id : undefined
  startNewConversation({ deliveryId, title: String(message.title ?? ''), summary: typeof message.summary === 'string' ? message.summary : '' })
}

// ---- wiring ---------------------------------------------------------------------------------------------------

ui.keyForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const key = ui.keyInput.value.trim()
  if (!key) return
  storeKey(key)
  ui.keyInput.value = ''
  showChat()
})

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault()
  if (state.pending) return
  const text = ui.message.value
  if (!text.trim()) return
  ui.message.value = ''
  resizeComposer()
  void sendMessage(text)
})

ui.message.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault()
    ui.composer.requestSubmit()
  }
})

function resizeComposer() {
  ui.message.style.height = 'auto'
  ui.message.style.height = `${ui.message.scrollHeight}px`
}
ui.message.addEventListener('input', resizeComposer)

ui.newThread.addEventListener('click', () => {
  if (state.pending) return
  showConversationView()
  startNewConversation()
})
ui.showInbox.addEventListener('click', () => (ui.inbox.hidden ? showInboxView() : showConversationView()))
ui.inboxBack.addEventListener('click', () => {
  showConversationView()
  ui.message.focus()
})
ui.inboxForm.addEventListener('submit', (event) => {
  event.preventDefault()
  void loadInbox()
})
ui.forgetKey.addEventListener('click', () => forgetKey())

state.key = readStoredKey()
if (state.key) showChat()
else showKeyGate()
