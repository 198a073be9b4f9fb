/** The action ids of the buttons on answers; the listeners match on the same constants. */
export const slackActionIds = {
  showSql: 'smx_show_sql',
  feedbackUp: 'smx_feedback_up',
  feedbackDown: 'smx_feedback_down',
  confirm: 'smx_confirm',
  cancel: 'smx_cancel',
  /** Followed by the suggestion's index: action ids must be unique within a block. */
  suggestionPrefix: 'smx_suggestion_',
} as const

export const suggestionActionPattern = /^smx_suggestion_\d+$/
