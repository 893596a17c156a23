using Forlop.App.Hosting;

return await ForlopCli.InvokeAsync(args);
