// The FAQ's chat layer, as /faq and /ask use it: the service, the flows
// (ask, rate, status, reload, gaps), the presenter and the shared arguments.

export { questionText, VOTES, type Vote } from './args.js';
export { answerQuestion, rateAnswer } from './ask.js';
export { listGaps, reloadKnowledge, showStatus } from './maintenance.js';
export { answerReply, composingReply, feedbackReply, gapsReply, reloadReply, statusReply } from './presenter.js';
export { faqOptionsFromConfig, faqService, FaqService, type FaqServiceOptions, type FaqStatus } from './service.js';
