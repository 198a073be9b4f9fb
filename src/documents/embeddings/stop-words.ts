/**
 * Very common English and Portuguese words, already lowercased and without accents (the local embedder strips them
 * before it looks words up). They carry no topic, and hashed into a vector they would only make unrelated passages
 * look alike.
 */
const english = `a an the and or but if then else of to in on at by for with from as into onto over under about
  is are was were be been being am do does did done have has had having it its this that these those there here
  i me my we our us you your he him his she her they them their what which who whom whose when where why how
  not no nor so too very can could will would shall should may might must also just than such only own same
  all any both each few more most other some again further once up down out off per via`

const portuguese = `o a os as um uma uns umas de do da dos das no na nos nas ao aos em por pelo pela pelos pelas
  para pra com sem sob sobre entre ate apos e ou mas se que qual quais quem cujo cuja onde quando como porque
  nao sim ja ainda tambem so mais menos muito muita muitos muitas pouco este esta estes estas esse essa esses
  essas aquele aquela aqueles aquelas isto isso aquilo eu tu ele ela nos vos eles elas me te lhe lhes meu minha
  meus minhas seu sua seus suas nosso nossa nossos nossas ser e sao foi foram era eram sera estar esta estao
  estava ter tem tinha teve ha havia fazer faz fez pode podem deve devem cada todo toda todos todas outro
  outra outros outras mesmo mesma`

export const stopWords: ReadonlySet<string> = new Set([...english.split(/\s+/), ...portuguese.split(/\s+/)].filter(Boolean))
