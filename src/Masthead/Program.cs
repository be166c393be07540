using Masthead.Cli;

return await MastheadCommandLine.RunAsync(args);
