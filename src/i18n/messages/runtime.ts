import { defineMessages } from '../define.js';

export default defineMessages({
  en: {
    'runtime.no_cases': 'You have no cases.',
    'runtime.cases_header': 'Your cases ({n}):',
    'runtime.case_line': '{id} · {outcome} · {status} · {summary}',
    'runtime.record_countersigned': 'countersigned by {by}',
    'runtime.record_awaiting': 'awaiting countersignature',
  },
  'zh-CN': {
    'runtime.no_cases': '您没有审查事项。',
    'runtime.cases_header': '您的审查事项（{n}）：',
    'runtime.case_line': '{id} · {outcome} · {status} · {summary}',
    'runtime.record_countersigned': '已由 {by} 会签',
    'runtime.record_awaiting': '待会签',
  },
});
