/**
 * The web chat's chat.js run in a node:vm context over a small stand-in for the DOM it uses — for checks of what the
 * page builds from a reply when no browser is installed. The stand-in holds text as text: `innerHTML` throws, so a
 * page that ever parsed server data as HTML fails here, and an element appears only if the page created it.
 */
import { readFile } from 'node:fs/promises'
import vm from 'node:vm'

export class FakeText {
  parent: FakeElement | undefined
  constructor(readonly data: string) {}
  get textContent(): string {
    return this.data
  }
}

type FakeNode = FakeElement | FakeText

export class FakeElement {
  parent: FakeElement | undefined
  childNodes: FakeNode[] = []
  readonly attributes = new Map<string, string>()
  readonly listeners = new Map<string, ((event: unknown) => unknown)[]>()
  className = ''
  hidden = false
  disabled = false
  value = ''
  checked = false
  lang = ''
  open = false
  scrollHeight = 0
  readonly style: Record<string, string> = {}
  readonly classList = {
    add: (...names: string[]) => this.setClasses([...this.classes(), ...names]),
    remove: (...names: string[]) => this.setClasses(this.classes().filter((c) => !names.includes(c))),
    contains: (name: string) => this.classes().includes(name),
    toggle: (name: string, force?: boolean) => {
      const on = force ?? !this.classes().includes(name)
      if (on) this.classList.add(name)
      else this.classList.remove(name)
      return on
    },
  }

  constructor(readonly tagName: string) {}

  private classes(): string[] {
    return this.className.split(/\s+/).filter(Boolean)
  }
  private setClasses(names: string[]): void {
    this.className = [...new Set(names)].join(' ')
  }

  get children(): FakeElement[] {
    return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement)
  }
  get childElementCount(): number {
    return this.children.length
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('')
  }
  set textContent(value: string) {
    this.replaceChildren(String(value ?? ''))
  }
  get innerHTML(): string {
    throw new Error('the page read innerHTML')
  }
  set innerHTML(_value: string) {
    throw new Error('the page wrote innerHTML: server data must go in as text')
  }

  append(...nodes: (FakeNode | string)[]): void {
    for (const node of nodes) this.insert(node, this.childNodes.length)
  }
  prepend(...nodes: (FakeNode | string)[]): void {
    nodes.forEach((node, i) => this.insert(node, i))
  }
  after(...nodes: (FakeNode | string)[]): void {
    const parent = this.parent
    if (!parent) return
    nodes.forEach((node, i) => parent.insert(node, parent.childNodes.indexOf(this) + 1 + i))
  }
  replaceChildren(...nodes: (FakeNode | string)[]): void {
    for (const child of this.childNodes) child.parent = undefined
    this.childNodes = []
    this.append(...nodes)
  }
  private insert(node: FakeNode | string, at: number): void {
    const child = typeof node === 'string' ? new FakeText(node) : node
    if (child.parent) child.parent.childNodes = child.parent.childNodes.filter((n) => n !== child)
    child.parent = this
    this.childNodes.splice(at, 0, child)
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value))
    if (name === 'open') this.open = true
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name)
  }
  addEventListener(type: string, listener: (event: unknown) => unknown): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  focus(): void {}
  requestSubmit(): void {
    for (const listener of this.listeners.get('submit') ?? []) listener({ preventDefault() {} })
  }

  /** Every element below this one, depth first. */
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => [c, ...c.descendants()])
  }
  /** `.class`, `tag` or `tag.class` — the selectors chat.js itself uses. */
  querySelectorAll(selector: string): FakeElement[] {
    const [tag, ...classes] = selector.split('.')
    return this.descendants().filter((e) => (!tag || e.tagName === tag) && classes.every((c) => e.classList.contains(c)))
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null
  }
}

export interface FakePage {
  /** The element with this id in index.html (created on first use). */
  byId(id: string): FakeElement
  /** Runs an expression in the page's scope, e.g. `sendMessage("…")`, and awaits its result. */
  run<T = unknown>(expression: string): Promise<T>
}

/** Loads chat.js with an API key already stored; `fetch` answers the page's requests. */
export async function openFakeChatPage(fetch: (url: string, init: { body?: string }) => Promise<Response>): Promise<FakePage> {
  const source = await readFile(new URL('../../../src/web/chat/chat.js', import.meta.url), 'utf8')
  const elements = new Map<string, FakeElement>()
  const byId = (id: string) => elements.get(id) ?? elements.set(id, new FakeElement('div')).get(id)!
  const documentElement = new FakeElement('html')
  const context = vm.createContext({
    document: { getElementById: byId, createElement: (tag: string) => new FakeElement(tag.toLowerCase()), documentElement },
    window: { scrollTo() {} },
    localStorage: { getItem: () => 'smx_test_key', setItem() {}, removeItem() {} },
    fetch,
    TextDecoder,
    crypto: { getRandomValues: <T>(bytes: T) => bytes },
    setInterval,
    clearInterval,
    console,
  })
  vm.runInContext(source, context, { filename: 'chat.js' })
  return { byId, run: async <T>(expression: string) => (await vm.runInContext(expression, context)) as T }
}

/** A text/event-stream response carrying one `reply` event, as POST /api/chat sends it. */
export function replyStream(reply: unknown): Response {
  const body = `event: start\ndata: {"requestId":"req-1"}\n\nevent: reply\ndata: ${JSON.stringify(reply)}\n\n`
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req-1' } })
}
