import { defineMessages } from '../define.js';

// The terminal chat's own lines around the conversation: why it runs, who the person is, how to leave.
export default defineMessages({
  en: {
    'terminal.no_platforms': 'Terminal chat: no Slack or Teams credentials are configured (SLACK_BOT_TOKEN, MICROSOFT_APP_ID), so review-bot runs here.',
    'terminal.who': 'You are {name}. Cases are stored in {db}.',
    'terminal.leave': 'Type "quit" to leave; your conversation is kept and continues next time.',
  },
  'zh-CN': {
    'terminal.no_platforms': '终端对话：未配置 Slack 或 Teams 凭据（SLACK_BOT_TOKEN、MICROSOFT_APP_ID），因此在此运行。',
    'terminal.who': '您是 {name}。审查事项保存在 {db}。',
    'terminal.leave': '输入“退出”即可离开；对话会保留，下次继续。',
  },
});
