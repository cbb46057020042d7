import { defineMessages } from '../define.js';

export default defineMessages({
  en: {
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.unsure': 'Not sure',
    'common.internal_error': 'Something went wrong on our side. Your answers are saved; please try again in a moment.',
    'text.empty': 'Please type an answer (the message was empty).',
    'text.too_long': 'That text is too long ({length} characters); the limit is {max}. Please shorten it.',
    'text.control_chars': 'That text contains control characters. Please type plain text.',
    'text.bidi_controls': 'That text contains invisible direction-control characters (such as the right-to-left override). Please type plain text.',
    'text.bad_encoding': 'That is not valid text (broken character encoding). Please type it again.',
  },
  'zh-CN': {
    'common.yes': '是',
    'common.no': '否',
    'common.unsure': '不确定',
    'common.internal_error': '系统出现问题。您的回答已保存，请稍后重试。',
    'text.empty': '请输入回答（消息为空）。',
    'text.too_long': '内容太长（{length} 个字符），上限为 {max}。请精简后再发。',
    'text.control_chars': '内容包含控制字符，请输入纯文本。',
    'text.bidi_controls': '内容包含不可见的文字方向控制字符（如从右到左覆盖符），请输入纯文本。',
    'text.bad_encoding': '内容不是有效文本（字符编码损坏），请重新输入。',
  },
});
