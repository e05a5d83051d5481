/** The training chat layer: what `commands/train.ts` needs, and the service other wiring may start. */
export { ARTICLE_DEFAULTS, DEFAULT_HIDDEN, MODELS } from '../../training/params.js';
export { cancelTraining, listTrainingJobs, listTrainingWorkers, trainingStatus } from './jobs.js';
export { mayTrain, TrainingAllowed, type Asker } from './preconditions.js';
export { startTraining, type TrainArgs } from './start.js';
export { trainingService } from './service.js';
