import { defineMessages } from '../define.js';

export default defineMessages({
  en: {
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.unsure': 'Not sure',
    'common.internal_error': 'Something went wrong on our side. Your answers are saved; please try again in a moment.',
  },
  'zh-CN': {
    'common.yes': '是',
    'common.no': '否',
    'common.unsure': '不确定',
    'common.internal_error': '系统出现问题。您的回答已保存，请稍后重试。',
  },
});
