import { defineMessages } from '../define.js';

// Teams-only wording: the app's name, descriptions and command list in the Teams app package
// (manifest.json in English, zh-cn.json for Simplified Chinese; built by scripts/teams-package.ts),
// and what the adapter says when someone answers a card asked of another person.
// Command titles are what Teams sends when a command is picked: each must be an engine command word.
// Limits from the Teams schema: name.short 30, name.full 100, description.short 80, command title 32, description 128.
export default defineMessages({
  en: {
    'teams.app.name_short': 'Review Bot',
    'teams.app.name_full': 'Review Bot: cybersecurity review intake',
    'teams.app.description_short': 'Does this purchase need a cybersecurity review? Ask, and file the case.',
    'teams.app.description_full':
      "Review Bot answers whether a purchase needs a cybersecurity review under China's Cybersecurity Review Measures (2022), in English and Simplified Chinese, opens a case when it does, collects the application through dialogs and reminds team leads of deadlines counted in Chinese working days.",
    'teams.command.review.title': 'review',
    'teams.command.review.description': 'Check whether a purchase needs a cybersecurity review',
    'teams.command.status.title': 'status',
    'teams.command.status.description': 'Show my cases',
    'teams.command.help.title': 'help',
    'teams.command.help.description': 'What I can do and the commands at each question',
    'teams.not_your_question': 'That question was asked of someone else, so your click was not used. Mention me to start your own check.',
    'teams.sent_privately': 'I have sent the case details to you in our 1:1 chat.',
  },
  'zh-CN': {
    'teams.app.name_short': '网络安全审查助手',
    'teams.app.name_full': '网络安全审查助手：申报材料填写',
    'teams.app.description_short': '这次采购需要网络安全审查吗？问一问，并开启审查事项。',
    'teams.app.description_full':
      '网络安全审查助手依据《网络安全审查办法》（2022）判断一项采购是否需要申报网络安全审查，支持中英文；需要时开启审查事项，通过对话框完成申报材料填写，并按中国工作日计算期限、提醒团队负责人。',
    'teams.command.review.title': '审查',
    'teams.command.review.description': '预判一项采购是否需要申报网络安全审查',
    'teams.command.status.title': '状态',
    'teams.command.status.description': '查看我的审查事项',
    'teams.command.help.title': '帮助',
    'teams.command.help.description': '我能做什么，以及每个问题下可用的命令',
    'teams.not_your_question': '这个问题是问其他人的，您的点击未被采用。提及我即可开始您自己的申报预判。',
    'teams.sent_privately': '审查事项的详情已通过我们的一对一聊天发给您。',
  },
});
