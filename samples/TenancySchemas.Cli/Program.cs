using System.Text;
using TenancySchemas.Cli;

Console.OutputEncoding = Encoding.UTF8;
return CliApp.Run(args, CliStreams.FromConsole());
