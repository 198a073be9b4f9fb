/*
 * The SalesMatrix admin page: prompt versions, eval cases, the feedback review queue and eval runs, over the admin
 * API (/api/prompts, /api/eval-cases, /api/feedback, /api/eval-runs). Plain browser JavaScript, no build step,
 * nothing loaded from anywhere but this server. The admin key is kept in localStorage. Every piece of data goes into
 * the page through text nodes (textContent), never innerHTML.
 */
/* global document, localStorage, fetch, console, Node, URLSearchParams */

const keyStorageName = 'salesmatrix.adminKey'
const state = { key: localStorage.getItem(keyStorageName) ?? undefined, prompt: undefined, editingCase: undefined }
const $ = (id) => document.getElementById(id)

/** Builds an element; strings among the children become text nodes, so data is never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'onclick') node.addEventListener('click', value)
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '')
const percent = (x) => `${(x * 100).toFixed(1)}%`
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean)

class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem?.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ')
    super(`${problem?.detail ?? `HTTP ${status}`}${fields ? ` (${fields})` : ''}`)
    this.status = status
  }
}

async function api(method, url, body) {
  const headers = { authorization: `Bearer ${state.key}`, accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await response.text()
  const json = text ? JSON.parse(text) : undefined
  if (!response.ok) throw new ApiError(response.status, json)
  return json
}

function flash(message, isError = false) {
  const box = $('flash')
  box.textContent = message
  box.className = isError ? 'flash error' : 'flash'
  box.hidden = false
}

/** Runs an action from a button, showing its outcome (or its error) in the flash line. */
async function act(action, success) {
  try {
    const result = await action()
    if (success) flash(typeof success === 'function' ? success(result) : success)
    return result
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut('The key is no longer valid; sign in again.')
    flash(error instanceof Error ? error.message : String(error), true)
    return undefined
  }
}

// ---- sign-in -------------------------------------------------------------------------------------------------

function showGate(message) {
  $('key-gate').hidden = false
  $('tabs').hidden = true
  for (const id of ['tab-prompts', 'tab-cases', 'tab-feedback', 'tab-runs']) $(id).hidden = true
  const error = $('key-error')
  error.hidden = !message
  error.textContent = message ?? ''
}

function signOut(message) {
  localStorage.removeItem(keyStorageName)
  state.key = undefined
  showGate(message)
}

async function signIn(key) {
  state.key = key
  try {
    await api('GET', '/api/prompts')
  } catch (error) {
    const message = error instanceof ApiError && error.status === 403 ? 'This key is not an admin key.' : error instanceof ApiError && error.status === 401 ? 'This key is not valid.' : String(error.message ?? error)
    signOut(message)
    return
  }
  localStorage.setItem(keyStorageName, key)
  $('key-gate').hidden = true
  $('tabs').hidden = false
  showTab('prompts')
}

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs [data-tab]')) button.setAttribute('aria-pressed', String(button.dataset.tab === name))
  for (const tab of ['prompts', 'cases', 'feedback', 'runs']) $(`tab-${tab}`).hidden = tab !== name
  $('flash').hidden = true
  if (name === 'prompts') void act(loadPrompts)
  if (name === 'cases') void act(loadCases)
  if (name === 'feedback') void act(loadFeedback)
  if (name === 'runs') void act(loadRuns)
}

// ---- prompts -------------------------------------------------------------------------------------------------

async function loadPrompts() {
  const { data } = await api('GET', '/api/prompts')
  const body = $('prompt-list')
  body.replaceChildren(
    ...data.map((p) =>
      el('tr', { class: `clickable${state.prompt === p.name ? ' selected' : ''}`, onclick: () => act(() => openPrompt(p.name)) },
        el('td', {}, p.name), el('td', {}, p.activeVersion ?? '—'), el('td', {}, p.latestVersion), el('td', {}, p.versions), el('td', {}, `${when(p.activatedAt)} ${p.activatedBy ?? ''}`)),
    ),
  )
  if (state.prompt) await openPrompt(state.prompt)
}

async function openPrompt(name) {
  const detail = await api('GET', `/api/prompts/${encodeURIComponent(name)}`)
  state.prompt = name
  $('prompt-detail').hidden = false
  $('prompt-title').textContent = `${detail.name} — active version ${detail.activeVersion ?? 'none'}`
  $('prompt-rollback').disabled = !detail.canRollBack
  $('prompt-text').hidden = true
  const active = detail.versions.find((v) => v.active)
  if (active && !$('prompt-new-text').value) $('prompt-new-text').value = active.text
  if (!$('preview-version').value) $('preview-version').value = String(detail.versions[0]?.version ?? 1)
  $('prompt-versions').replaceChildren(
    ...detail.versions.map((v) =>
      el('tr', {},
        el('td', {}, `v${v.version} `, v.active ? el('span', { class: 'badge active' }, 'active') : ''),
        el('td', {}, v.note ?? ''),
        el('td', {}, v.source),
        el('td', {}, `${when(v.createdAt)} ${v.createdBy}`),
        el('td', {},
          el('button', { type: 'button', class: 'small ghost', onclick: () => showPromptText(v) }, 'Show text'),
          el('button', { type: 'button', class: 'small ghost', onclick: () => { $('preview-version').value = String(v.version); $('prompt-preview').scrollIntoView() } }, 'Preview'),
          v.active ? '' : el('button', { type: 'button', class: 'small', onclick: () => activate(name, v.version) }, 'Activate'))),
    ),
  )
  $('prompt-history').replaceChildren(
    ...detail.history.map((h) =>
      el('tr', {}, el('td', {}, when(h.activatedAt)), el('td', {}, h.activatedBy), el('td', {}, h.kind), el('td', {}, `${h.fromVersion ?? '—'} → ${h.toVersion}`), el('td', {}, h.revertedAt ? when(h.revertedAt) : '')),
    ),
  )
}

function showPromptText(version) {
  const box = $('prompt-text')
  box.textContent = version.text
  box.hidden = false
}

async function activate(name, version) {
  await act(() => api('POST', `/api/prompts/${encodeURIComponent(name)}/versions/${version}/activate`), (r) => `${name}: version ${r.toVersion} is active (was ${r.fromVersion ?? 'none'}).`)
  await act(loadPrompts)
}

async function previewPrompt(event) {
  event.preventDefault()
  const name = state.prompt
  const version = Number($('preview-version').value)
  const tags = list($('preview-tags').value)
  const caseIds = list($('preview-ids').value)
  const limit = Number($('preview-limit').value) || undefined
  const out = $('preview-result')
  out.replaceChildren(el('p', { class: 'muted' }, `Running the cases through the agent with ${name} v${version}…`))
  const result = await act(() => api('POST', `/api/prompts/${encodeURIComponent(name)}/versions/${version}/preview`, { ...(tags.length ? { tags } : {}), ...(caseIds.length ? { caseIds } : {}), ...(limit ? { limit } : {}) }))
  if (!result) return out.replaceChildren()
  out.replaceChildren(
    el('p', {}, `${name} v${version}: ${result.passed} of ${result.total} passed (${percent(result.accuracy)}), model ${result.model}, p95 ${result.latencyMs.p95} ms — stored as eval run #${result.runId}.`),
    result.note ? el('p', { class: 'note' }, result.note) : '',
    el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, el('th', {}, 'case'), el('th', {}, 'result'), el('th', {}, 'question'), el('th', {}, 'why'))),
      el('tbody', {}, ...result.cases.map((c) => el('tr', {}, el('td', {}, c.id), el('td', {}, el('span', { class: `badge ${c.passed ? 'pass' : 'fail'}` }, c.passed ? 'pass' : 'fail')), el('td', {}, c.question), el('td', {}, c.reason ?? ''))))),
  )
}

// ---- eval cases ----------------------------------------------------------------------------------------------

async function loadCases() {
  const params = new URLSearchParams()
  for (const [key, id] of [['q', 'case-q'], ['tag', 'case-tag'], ['status', 'case-status']]) if ($(id).value.trim()) params.set(key, $(id).value.trim())
  const { data } = await api('GET', `/api/eval-cases?${params}`)
  $('case-list').replaceChildren(
    ...data.map((c) =>
      el('tr', {},
        el('td', {}, c.id), el('td', {}, c.lang), el('td', {}, c.question), el('td', {}, c.tags.join(', ')),
        el('td', {}, el('span', { class: `badge ${c.status}` }, c.status)), el('td', {}, c.source),
        el('td', {},
          el('button', { type: 'button', class: 'small ghost', onclick: () => editCase(c) }, 'Edit'),
          c.status === 'active'
            ? el('button', { type: 'button', class: 'small danger', onclick: () => retireCase(c.id) }, 'Retire')
            : el('button', { type: 'button', class: 'small ghost', onclick: () => reviveCase(c) }, 'Reactivate'))),
    ),
    ...(data.length === 0 ? [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No cases match.'))] : []),
  )
}

function editCase(c) {
  state.editingCase = c
  $('case-form').hidden = false
  $('case-form-title').textContent = c ? `Edit ${c.id} (version ${c.version})` : 'New eval case'
  $('case-id').value = c?.id ?? ''
  $('case-id').disabled = Boolean(c)
  $('case-question').value = c?.question ?? ''
  $('case-lang').value = c?.lang ?? 'en'
  $('case-today').value = c?.today ?? new Date().toISOString().slice(0, 10)
  $('case-expect').value = c?.expect ?? 'answer'
  $('case-gold').value = c?.goldSql ?? ''
  $('case-tags').value = (c?.tags ?? []).join(', ')
  $('case-ordered').checked = c?.ordered ?? false
  $('case-note').value = c?.note ?? ''
  $('case-form').scrollIntoView()
}

async function saveCase(event) {
  event.preventDefault()
  const expect = $('case-expect').value
  const fields = {
    question: $('case-question').value.trim(),
    lang: $('case-lang').value,
    today: $('case-today').value,
    expect,
    goldSql: expect === 'answer' ? $('case-gold').value.trim() || null : null,
    tags: list($('case-tags').value),
    ordered: $('case-ordered').checked,
    note: $('case-note').value.trim() || null,
  }
  const editing = state.editingCase
  const saved = await act(
    () => (editing ? api('PATCH', `/api/eval-cases/${encodeURIComponent(editing.id)}`, { ...fields, version: editing.version }) : api('POST', '/api/eval-cases', { id: $('case-id').value.trim(), ...fields })),
    (c) => `Saved ${c.id} (version ${c.version}).`,
  )
  if (!saved) return
  $('case-form').hidden = true
  state.editingCase = undefined
  await act(loadCases)
}

async function retireCase(id) {
  await act(() => api('POST', `/api/eval-cases/${encodeURIComponent(id)}/retire`), `Retired ${id}.`)
  await act(loadCases)
}

async function reviveCase(c) {
  await act(() => api('PATCH', `/api/eval-cases/${encodeURIComponent(c.id)}`, { status: 'active', version: c.version }), `Reactivated ${c.id}.`)
  await act(loadCases)
}

// ---- feedback ------------------------------------------------------------------------------------------------

async function loadFeedback() {
  const status = $('feedback-status').value
  const { data } = await api('GET', `/api/feedback?limit=100${status ? `&status=${encodeURIComponent(status)}` : ''}`)
  $('feedback-list').replaceChildren(...data.map(feedbackCard), ...(data.length === 0 ? [el('p', { class: 'muted' }, 'Nothing here.')] : []))
}

function feedbackCard(item) {
  const turn = item.turn
  const gold = el('textarea', { rows: 5, spellcheck: 'false', 'aria-label': 'Gold SQL' })
  gold.value = turn.sql ?? ''
  const caseId = el('input', { placeholder: `fb-${item.id}-…`, 'aria-label': 'Case id' })
  const tags = el('input', { 'aria-label': 'Tags' })
  tags.value = 'feedback'
  const expect = el('select', { 'aria-label': 'Expect' }, el('option', { value: 'answer' }, 'answer'), el('option', { value: 'refuse' }, 'refuse'))
  expect.value = turn.sql ? 'answer' : 'refuse'
  const pending = item.status === 'pending'
  return el('div', { class: 'card' },
    el('p', {},
      el('span', { class: `badge ${item.rating}` }, item.rating === 'up' ? '👍 up' : '👎 down'), ' ',
      el('span', { class: 'badge' }, item.status), ' ',
      el('span', { class: 'muted' }, `#${item.id} · ${when(turn.at)} · ${turn.surface} · ${turn.model}${turn.promptName ? ` · ${turn.promptName}@${turn.promptVersion}` : ''} · turn ${item.turnId}`)),
    el('p', {}, el('strong', {}, 'Question: '), turn.question),
    item.comment ? el('p', {}, el('strong', {}, 'Comment: '), item.comment) : '',
    el('details', {}, el('summary', {}, 'Answer'), el('pre', {}, turn.answer)),
    turn.plan ? el('details', {}, el('summary', {}, 'Plan'), el('pre', {}, JSON.stringify(turn.plan, null, 2))) : '',
    turn.sql ? el('details', {}, el('summary', {}, 'SQL'), el('pre', {}, turn.sql)) : el('p', { class: 'muted' }, 'No SQL ran.'),
    item.promotedCaseId ? el('p', {}, `Promoted to eval case ${item.promotedCaseId}.`) : '',
    pending
      ? el('div', {},
          el('label', {}, 'Gold SQL (edit if the answer was wrong; required for 👎)', gold),
          el('div', { class: 'inline' }, el('label', {}, 'Expect ', expect), el('label', {}, 'Case id ', caseId), el('label', {}, 'Tags ', tags)),
          el('button', { type: 'button', onclick: () => promote(item, { gold, caseId, tags, expect }) }, 'Promote to eval case'), ' ',
          el('button', { type: 'button', class: 'danger', onclick: () => dismiss(item) }, 'Dismiss'))
      : '',
  )
}

async function promote(item, inputs) {
  const expect = inputs.expect.value
  const body = {
    expect,
    ...(expect === 'answer' && (item.rating === 'down' || inputs.gold.value.trim() !== (item.turn.sql ?? '')) ? { goldSql: inputs.gold.value.trim() } : {}),
    ...(inputs.caseId.value.trim() ? { id: inputs.caseId.value.trim() } : {}),
    ...(list(inputs.tags.value).length ? { tags: list(inputs.tags.value) } : {}),
  }
  const done = await act(() => api('POST', `/api/feedback/${item.id}/promote`, body), (r) => `Created eval case ${r.evalCase.id}.`)
  if (done) await act(loadFeedback)
}

async function dismiss(item) {
  const done = await act(() => api('POST', `/api/feedback/${item.id}/dismiss`), `Dismissed feedback #${item.id}.`)
  if (done) await act(loadFeedback)
}

// ---- eval runs -----------------------------------------------------------------------------------------------

async function loadRuns() {
  const suite = $('runs-suite').value.trim()
  const { data } = await api('GET', `/api/eval-runs?limit=100${suite ? `&suite=${encodeURIComponent(suite)}` : ''}`)
  $('runs-list').replaceChildren(
    ...data.map((r) =>
      el('tr', {}, el('td', {}, r.id), el('td', {}, when(r.startedAt)), el('td', {}, r.suite), el('td', {}, r.promptVersion ?? '—'), el('td', {}, r.model), el('td', {}, `${r.passed}/${r.cases}`), el('td', {}, percent(r.accuracy)), el('td', {}, r.p95Ms)),
    ),
  )
}

// ---- wiring --------------------------------------------------------------------------------------------------

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const key = $('key-input').value.trim()
  $('key-input').value = ''
  if (key) void signIn(key)
})
$('forget-key').addEventListener('click', () => signOut())
for (const button of document.querySelectorAll('#tabs [data-tab]')) button.addEventListener('click', () => showTab(button.dataset.tab))
$('prompt-rollback').addEventListener('click', async () => {
  await act(() => api('POST', `/api/prompts/${encodeURIComponent(state.prompt)}/rollback`), (r) => `${r.name}: rolled back to version ${r.toVersion} (from ${r.fromVersion}).`)
  await act(loadPrompts)
})
$('prompt-new').addEventListener('submit', async (event) => {
  event.preventDefault()
  const note = $('prompt-new-note').value.trim()
  const created = await act(() => api('POST', `/api/prompts/${encodeURIComponent(state.prompt)}/versions`, { text: $('prompt-new-text').value, ...(note ? { note } : {}) }), (v) => `Saved version ${v.version}; preview it, then activate it.`)
  if (!created) return
  $('prompt-new-note').value = ''
  $('preview-version').value = String(created.version)
  await act(loadPrompts)
})
$('prompt-preview').addEventListener('submit', (event) => void previewPrompt(event).catch((error) => console.error(error)))
$('case-filter').addEventListener('submit', (event) => {
  event.preventDefault()
  void act(loadCases)
})
$('case-new').addEventListener('click', () => editCase(undefined))
$('case-cancel').addEventListener('click', () => {
  $('case-form').hidden = true
  state.editingCase = undefined
})
$('case-form').addEventListener('submit', (event) => void saveCase(event))
$('feedback-filter').addEventListener('submit', (event) => {
  event.preventDefault()
  void act(loadFeedback)
})
$('runs-filter').addEventListener('submit', (event) => {
  event.preventDefault()
  void act(loadRuns)
})

if (state.key) void signIn(state.key)
else showGate()
