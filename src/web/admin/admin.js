/*
 * The SalesMatrix admin page: prompt versions, eval cases, the feedback review queue, eval runs, sales documents and
 * scheduled digests, over the admin API (/api/prompts, /api/eval-cases, /api/feedback, /api/eval-runs,
 * /api/documents, /api/digest-schedules, /api/digest-deliveries). Plain browser JavaScript, no build step, nothing
 * loaded from anywhere but this server. The admin key is kept in localStorage. Every piece of data goes into the page
 * through text nodes (textContent), never innerHTML.
 */
/* global document, localStorage, fetch, console, Node, URLSearchParams, FormData, setTimeout, window */

const keyStorageName = 'salesmatrix.adminKey'
const tabNames = ['prompts', 'cases', 'feedback', 'runs', 'documents', 'digests']
const state = { key: localStorage.getItem(keyStorageName) ?? undefined, prompt: undefined, editingCase: undefined, regions: [], categories: [], schedules: [] }
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

/** A problem+json answer: `detail` says what went wrong, `fields` ({ path, message }) which inputs it was about. */
class ApiError extends Error {
  constructor(status, problem) {
    const fields = Array.isArray(problem?.errors) ? problem.errors.filter((e) => e && typeof e.path === 'string') : []
    const list = fields.map((e) => `${e.path}: ${e.message}`).join('; ')
    super(`${problem?.detail ?? `HTTP ${status}`}${list ? ` (${list})` : ''}`)
    this.status = status
    this.detail = problem?.detail ?? `HTTP ${status}`
    this.fields = fields
  }
}

/** A JSON body is sent as JSON; a FormData (file upload) as multipart, with the boundary the browser chooses. */
async function api(method, url, body) {
  const headers = { authorization: `Bearer ${state.key}`, accept: 'application/json' }
  const multipart = body instanceof FormData
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json'
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body: multipart ? body : JSON.stringify(body) } : {}) })
  const text = await response.text()
  const json = text ? parseJson(text) : undefined
  if (!response.ok) throw new ApiError(response.status, json)
  return json
}

/** A proxy's HTML error page is not JSON: keep its status, drop its body. */
function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch (error) {
    console.warn('the server answered with something that is not JSON', error)
    return undefined
  }
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
  for (const tab of tabNames) $(`tab-${tab}`).hidden = true
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
  for (const tab of tabNames) $(`tab-${tab}`).hidden = tab !== name
  $('flash').hidden = true
  if (name === 'prompts') void act(loadPrompts)
  if (name === 'cases') void act(loadCases)
  if (name === 'feedback') void act(loadFeedback)
  if (name === 'runs') void act(loadRuns)
  if (name === 'documents') void act(openDocuments)
  if (name === 'digests') void act(openDigests)
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

// ---- forms: problems next to the fields they are about --------------------------------------------------------

/** Removes what showFormProblem left on a form: the field messages, aria-invalid, and the form's error line. */
function clearFormProblem(form, errorBox) {
  for (const field of form.querySelectorAll('[data-field]')) {
    field.classList.remove('invalid')
    const message = field.querySelector('.field-error')
    for (const control of field.querySelectorAll('input, select, textarea')) {
      control.removeAttribute('aria-invalid')
      if (message) describeBy(control, message.id, false)
    }
    message?.remove()
  }
  errorBox.hidden = true
  errorBox.textContent = ''
}

/**
 * Shows a failed request on its form: the problem's detail in the form's error line, and each field problem
 * ({ path: 'cron', message }) under the element with the same data-field, so the admin sees which input to fix.
 * The first named input gets the focus; a screen reader announces its message through aria-describedby.
 */
function showFormProblem(form, errorBox, error) {
  if (error instanceof ApiError && error.status === 401) return signOut('The key is no longer valid; sign in again.')
  errorBox.textContent = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error)
  errorBox.hidden = false
  let first
  for (const problem of error instanceof ApiError ? error.fields : []) {
    // Matched by comparing dataset values, not by building a selector out of server text.
    const field = [...form.querySelectorAll('[data-field]')].find((f) => f.dataset.field === problem.path && !f.hidden)
    if (!field) continue
    const message = field.querySelector('.field-error') ?? field.appendChild(el('p', { class: 'field-error', id: `${form.id}-${problem.path.replace(/[^\w-]/g, '-')}-error` }))
    message.textContent = message.textContent ? `${message.textContent}; ${problem.message}` : problem.message
    field.classList.add('invalid')
    for (const control of field.querySelectorAll('input, select, textarea')) {
      control.setAttribute('aria-invalid', 'true')
      describeBy(control, message.id, true)
    }
    first ??= field.querySelector('input, select, textarea')
  }
  first?.focus()
}

function describeBy(control, id, on) {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id)
  if (on) ids.push(id)
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '))
  else control.removeAttribute('aria-describedby')
}

/** A labelled checkbox; every choice list on this page is built from these. */
function checkbox(name, value, label, checked = false) {
  return el('label', { class: 'check' }, el('input', { type: 'checkbox', name, value, checked }), ` ${label}`)
}

const checkedValues = (containerId) => [...$(containerId).querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value)

/** A row action whose accessible name says which row it acts on ("Delete Playbook"), starting with the visible word. */
function rowButton(text, subject, onclick, kind = 'ghost') {
  return el('button', { type: 'button', class: `small ${kind}`, 'aria-label': `${text} ${subject}`, onclick }, text)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Regions and categories, for the digest scope and the document visibility pickers; loaded once per sign-in.
 * The first 200 of each (the API's page limit) is more than any sales organisation here has.
 */
async function loadDimensions() {
  if (state.dimensionsLoaded) return
  const [regions, categories] = await Promise.all([api('GET', '/api/regions?limit=200'), api('GET', '/api/categories?limit=200')])
  state.regions = regions.data
  state.categories = categories.data
  state.dimensionsLoaded = true
}

const regionName = (id) => state.regions.find((r) => r.id === id)?.name ?? `region ${id}`

// ---- documents -----------------------------------------------------------------------------------------------

const documentRoles = ['admin', 'director', 'analyst', 'rep']

async function openDocuments() {
  await loadDimensions()
  renderVisibilityChoices()
  await loadDocuments()
}

/** Built once: a re-opened tab keeps what the admin ticked. */
function renderVisibilityChoices() {
  if (!$('doc-roles').childElementCount) $('doc-roles').replaceChildren(...documentRoles.map((role) => checkbox('visible_roles', role, role)))
  if (!$('doc-regions').childElementCount) {
    $('doc-regions').replaceChildren(...state.regions.map((r) => checkbox('visible_region_ids', String(r.id), r.name)), ...(state.regions.length ? [] : [el('span', { class: 'muted' }, 'No regions yet.')]))
  }
}

async function loadDocuments() {
  const { data } = await api('GET', '/api/documents')
  $('doc-list').replaceChildren(...data.map(documentRow), ...(data.length === 0 ? [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No documents yet.'))] : []))
}

function documentRow(d) {
  return el('tr', {},
    el('td', {}, d.title), el('td', {}, d.file_name), el('td', {}, d.format), el('td', {}, d.chunk_count), el('td', {}, `v${d.version}`),
    el('td', {}, visibilityText(d.visibility)), el('td', {}, `${when(d.updated_at)} · ${d.uploaded_by}`),
    el('td', {}, rowButton('Delete', d.title, () => deleteDocument(d), 'danger')))
}

/** Empty lists mean "no restriction" (see DocumentVisibility); a region list limits only reps. */
function visibilityText(visibility) {
  const parts = []
  if (visibility.roles.length) parts.push(`roles: ${visibility.roles.join(', ')}`)
  if (visibility.region_ids.length) parts.push(`reps of ${visibility.region_ids.map(regionName).join(', ')}`)
  return parts.length ? parts.join('; ') : 'everyone'
}

async function uploadDocument(event) {
  event.preventDefault()
  const form = $('doc-upload')
  const result = $('doc-upload-result')
  const errorBox = $('doc-upload-error')
  clearFormProblem(form, errorBox)
  result.hidden = true
  const file = $('doc-file').files[0]
  if (!file) return
  const body = new FormData()
  body.append('visible_roles', checkedValues('doc-roles').join(','))
  body.append('visible_region_ids', checkedValues('doc-regions').join(','))
  for (const [field, id] of [['title', 'doc-title'], ['source', 'doc-source']]) if ($(id).value.trim()) body.append(field, $(id).value.trim())
  body.append('file', file, file.name)
  const submit = $('doc-upload-submit')
  submit.disabled = true
  try {
    const outcome = await api('POST', '/api/documents', body)
    result.textContent = uploadOutcome(outcome)
    result.hidden = false
    for (const id of ['doc-file', 'doc-title', 'doc-source']) $(id).value = ''
    await loadDocuments()
  } catch (error) {
    showFormProblem(form, errorBox, error)
  } finally {
    submit.disabled = false
  }
}

function uploadOutcome({ status, document: d }) {
  const what = `“${d.title}” (${d.file_name}, ${d.chunk_count} ${d.chunk_count === 1 ? 'passage' : 'passages'})`
  if (status === 'created') return `Added ${what}.`
  if (status === 'replaced') return `Replaced ${what}: now version ${d.version}.`
  return `Already up to date: ${what} has exactly this content (version ${d.version}); nothing changed.`
}

async function deleteDocument(d) {
  if (!window.confirm(`Delete “${d.title}” (${d.file_name}) and its ${d.chunk_count} passages? Answers will no longer cite it.`)) return
  const deleted = await act(async () => {
    await api('DELETE', `/api/documents/${d.id}`)
    return true
  }, `Deleted “${d.title}”.`)
  if (deleted) await act(loadDocuments)
}

async function searchDocuments(event) {
  event.preventDefault()
  const form = $('doc-search')
  const errorBox = $('doc-search-error')
  clearFormProblem(form, errorBox)
  const params = new URLSearchParams({ q: $('doc-q').value.trim(), limit: $('doc-limit').value || '5' })
  const results = $('doc-results')
  try {
    const { data } = await api('GET', `/api/documents/search?${params}`)
    results.replaceChildren(...data.map(passageItem), ...(data.length === 0 ? [el('li', { class: 'muted' }, 'No passage matches.')] : []))
  } catch (error) {
    results.replaceChildren()
    showFormProblem(form, errorBox, error)
  }
}

/** One hit: where it is (title, file, section, page), the passage as text, and how it ranked. */
function passageItem(p) {
  const where = [p.section, p.page ? `p. ${p.page}` : ''].filter(Boolean).join(', ')
  return el('li', { class: 'passage' },
    el('p', {}, el('strong', {}, p.title), ` — ${p.file_name}`, where ? el('span', { class: 'passage-where' }, ` — ${where}`) : ''),
    el('blockquote', { class: 'text' }, p.text),
    el('p', { class: 'muted' }, `score ${Number(p.score).toFixed(4)} · vector rank ${p.vector_rank ?? '—'} · text rank ${p.text_rank ?? '—'}`))
}

// ---- digests -------------------------------------------------------------------------------------------------

const digestSections = [['kpis', 'Revenue, orders, average ticket'], ['targets', 'Target and forecast'], ['movers', 'Top and bottom movers'], ['anomalies', 'Anomalies'], ['customers', 'New and churned customers'], ['chart', 'Chart']]
/** A delivery in one of these will not change without a retry or a new run: the log stops following it. */
const settledStatuses = ['sent', 'skipped', 'failed']
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/

async function openDigests() {
  await loadDimensions()
  renderScopeChoices()
  showDestinationFields()
  await loadSchedules()
  await loadDeliveries()
}

/** Built once per sign-in: a re-opened tab keeps the half-filled form. */
function renderScopeChoices() {
  if (state.scopeRendered) return
  $('digest-region').append(...state.regions.map((r) => el('option', { value: r.id }, r.name)))
  $('digest-category').append(...state.categories.map((c) => el('option', { value: c.id }, c.name)))
  $('digest-sections').replaceChildren(...digestSections.map(([value, label]) => checkbox('sections', value, label, true)))
  state.scopeRendered = true
}

/** Only the id fields of the chosen destination kind are shown (and sent). */
function showDestinationFields() {
  const kind = $('digest-kind').value
  for (const field of $('digest-form').querySelectorAll('[data-kind]')) field.hidden = field.dataset.kind !== kind
}

async function loadSchedules() {
  const { data } = await api('GET', '/api/digest-schedules')
  state.schedules = data
  $('digest-list').replaceChildren(...data.map(scheduleRow), ...(data.length === 0 ? [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No digest schedules yet.'))] : []))
  renderLogScheduleOptions()
}

function scheduleRow(s) {
  return el('tr', {},
    el('td', {}, s.name),
    el('td', {}, destinationText(s.destination)),
    el('td', {}, el('code', {}, s.cron), ` ${s.time_zone}`),
    el('td', {}, s.next_fire_times.length ? inZone(s.next_fire_times[0], s.time_zone) : '—'),
    el('td', {}, scopeText(s), el('br'), el('span', { class: 'muted' }, `${s.period.replace(/_/g, ' ')}; ${s.sections.length === digestSections.length ? 'all sections' : s.sections.join(', ')}`)),
    el('td', {}, s.language),
    el('td', {}, el('span', { class: `badge ${s.enabled ? 'active' : 'retired'}` }, s.enabled ? 'enabled' : 'disabled')),
    el('td', { class: 'actions' },
      rowButton('Preview', s.name, () => previewDigest(s)),
      rowButton('Run now', s.name, () => runDigestNow(s), ''),
      rowButton(s.enabled ? 'Disable' : 'Enable', s.name, () => setDigestEnabled(s, !s.enabled)),
      rowButton('Log', s.name, () => showLogOf(s)),
      rowButton('Delete', s.name, () => deleteSchedule(s), 'danger')))
}

function destinationText(d) {
  if (d.kind === 'web') return `web inbox ${d.inbox}`
  if (d.kind === 'slack') return `Slack ${d.channel_id}`
  return `Teams ${d.conversation_id}`
}

function scopeText(s) {
  const parts = [s.region ? s.region.name : 'whole company', s.category ? s.category.name : '']
  return parts.filter(Boolean).join(' · ')
}

/** The next run in the schedule's own zone, as the cron reads ("Mon, 08:00 America/Sao_Paulo"). */
function inZone(iso, timeZone) {
  try {
    return `${new Date(iso).toLocaleString(undefined, { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })} ${timeZone}`
  } catch (error) {
    // A zone this browser does not know: the instant in local time still tells when.
    if (error instanceof RangeError) return when(iso)
    throw error
  }
}

async function createSchedule(event) {
  event.preventDefault()
  const form = $('digest-form')
  const errorBox = $('digest-form-error')
  clearFormProblem(form, errorBox)
  try {
    const created = await api('POST', '/api/digest-schedules', scheduleBody())
    flash(`Scheduled “${created.name}”${created.next_fire_times.length ? `; first run ${inZone(created.next_fire_times[0], created.time_zone)}` : ''}.`)
    $('digest-name').value = ''
    await loadSchedules()
  } catch (error) {
    showFormProblem(form, errorBox, error)
  }
}

/** The form as the API's body; empty optional fields are left out so the server's defaults apply. */
function scheduleBody() {
  const optional = (id) => $(id).value.trim() || undefined
  const idOrNull = (id) => ($(id).value ? Number($(id).value) : null)
  return {
    name: $('digest-name').value.trim(),
    destination: destinationBody($('digest-kind').value),
    cron: $('digest-cron').value.trim(),
    time_zone: optional('digest-tz'),
    language: $('digest-language').value,
    region_id: idOrNull('digest-region'),
    category_id: idOrNull('digest-category'),
    sections: checkedValues('digest-sections'),
    period: optional('digest-period'),
    late_policy: $('digest-late').value,
  }
}

function destinationBody(kind) {
  if (kind === 'slack') return { kind, channel_id: $('digest-channel').value.trim() }
  if (kind === 'teams') return { kind, conversation_id: $('digest-conversation').value.trim(), service_url: $('digest-service-url').value.trim() }
  return { kind: 'web', inbox: $('digest-inbox').value.trim() }
}

async function setDigestEnabled(s, enabled) {
  const saved = await act(() => api('PATCH', `/api/digest-schedules/${s.id}`, { enabled }), `${enabled ? 'Enabled' : 'Disabled'} “${s.name}”.`)
  if (saved) await act(loadSchedules)
}

async function deleteSchedule(s) {
  if (!window.confirm(`Delete the digest “${s.name}” and its delivery log? Nothing more will be posted to ${destinationText(s.destination)}.`)) return
  const deleted = await act(async () => {
    await api('DELETE', `/api/digest-schedules/${s.id}`)
    return true
  }, `Deleted “${s.name}”.`)
  if (!deleted) return
  if ($('digest-log-schedule').value === String(s.id)) $('digest-log-schedule').value = ''
  await act(loadSchedules)
  await act(loadDeliveries)
}

async function previewDigest(s) {
  const box = $('digest-preview')
  box.hidden = false
  $('digest-preview-title').textContent = `Composing “${s.name}”…`
  for (const id of ['digest-preview-meta', 'digest-preview-summary', 'digest-preview-text']) $(id).textContent = ''
  $('digest-preview-chart').hidden = true
  const preview = await act(() => api('POST', `/api/digest-schedules/${s.id}/preview`))
  if (!preview) {
    box.hidden = true
    return
  }
  $('digest-preview-title').textContent = `Preview — ${preview.title}`
  const summaryBy = preview.summary_source === 'model' ? 'summary rephrased by the model, numbers checked' : 'template summary'
  $('digest-preview-meta').textContent = `${s.name} · ${preview.period.label} (${preview.period.start} – ${preview.period.end}) · ${preview.language} · ${summaryBy} · not posted`
  $('digest-preview-summary').textContent = preview.summary
  $('digest-preview-text').textContent = preview.text
  const chart = previewChart(preview)
  $('digest-preview-chart').replaceChildren(...chart)
  $('digest-preview-chart').hidden = chart.length === 0
  box.scrollIntoView({ block: 'nearest' })
}

/**
 * The preview's chart: the PNG (`chart: { png_base64, alt }`, the web inbox's shape) as a data: URL — only base64
 * text, so a response can never point the page elsewhere. A server that only says `has_chart` gets a caption.
 */
function previewChart(preview) {
  const png = preview.chart && typeof preview.chart.png_base64 === 'string' && base64Text.test(preview.chart.png_base64) ? preview.chart.png_base64 : undefined
  const alt = preview.chart?.alt ?? preview.chart_alt ?? 'Digest chart'
  if (png) return [el('img', { src: `data:image/png;base64,${png}`, alt }), el('figcaption', { class: 'muted' }, alt)]
  if (preview.has_chart) return [el('figcaption', { class: 'muted' }, `Chart: ${alt} (attached when the digest is posted).`)]
  return []
}

async function runDigestNow(s) {
  const run = await act(() => api('POST', `/api/digest-schedules/${s.id}/run`), (r) => `Posting “${s.name}” now (delivery #${r.delivery_id}); the delivery log follows it.`)
  if (!run) return
  $('digest-log-schedule').value = String(s.id)
  await followDelivery(run.delivery_id)
}

/** The queue posts within seconds: refresh the log until the delivery settles, for half a minute at most. */
async function followDelivery(deliveryId) {
  for (let i = 0; i < 30; i++) {
    const deliveries = await act(loadDeliveries)
    if (!deliveries) return
    const delivery = deliveries.find((d) => d.id === deliveryId)
    if (delivery && settledStatuses.includes(delivery.status)) return
    await sleep(1000)
  }
}

function showLogOf(s) {
  $('digest-log-schedule').value = String(s.id)
  void act(loadDeliveries)
  $('digest-log-title').scrollIntoView({ block: 'start' })
}

function renderLogScheduleOptions() {
  const select = $('digest-log-schedule')
  const chosen = select.value
  select.replaceChildren(el('option', { value: '' }, 'all schedules'), ...state.schedules.map((s) => el('option', { value: s.id }, s.name)))
  select.value = state.schedules.some((s) => String(s.id) === chosen) ? chosen : ''
}

async function loadDeliveries() {
  const scheduleId = $('digest-log-schedule').value
  const { data } = await api('GET', `/api/digest-deliveries?limit=100${scheduleId ? `&schedule_id=${encodeURIComponent(scheduleId)}` : ''}`)
  $('digest-log').replaceChildren(...data.map(deliveryRow), ...(data.length === 0 ? [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'Nothing delivered yet.'))] : []))
  return data
}

function deliveryRow(d) {
  const schedule = state.schedules.find((s) => s.id === d.schedule_id)
  return el('tr', {},
    el('td', {}, when(d.fire_at), d.posted_at ? el('span', { class: 'muted' }, ` (posted ${when(d.posted_at)})`) : ''),
    el('td', {}, schedule?.name ?? `#${d.schedule_id}`),
    el('td', {}, d.trigger),
    el('td', {}, el('span', { class: `badge ${d.status}` }, d.status)),
    el('td', {}, d.attempts),
    el('td', {}, d.message_id ?? ''),
    el('td', {}, d.last_error ?? ''),
    el('td', {}, d.late ? 'late' : ''))
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
$('doc-upload').addEventListener('submit', (event) => void uploadDocument(event))
$('doc-search').addEventListener('submit', (event) => void searchDocuments(event))
$('digest-kind').addEventListener('change', showDestinationFields)
$('digest-form').addEventListener('submit', (event) => void createSchedule(event))
$('digest-preview-close').addEventListener('click', () => {
  $('digest-preview').hidden = true
})
$('digest-log-filter').addEventListener('submit', (event) => {
  event.preventDefault()
  void act(loadDeliveries)
})

if (state.key) void signIn(state.key)
else showGate()
