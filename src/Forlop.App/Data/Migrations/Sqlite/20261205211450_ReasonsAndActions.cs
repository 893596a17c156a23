using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReasonsAndActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deviation_reasons",
                columns: table => new
                {
                    episode_id = table.Column<long>(type: "INTEGER", nullable: false),
                    interval_id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    resource = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deviation_reasons", x => new { x.episode_id, x.interval_id });
                });

            migrationBuilder.CreateTable(
                name: "episode_actions",
                columns: table => new
                {
                    episode_id = table.Column<long>(type: "INTEGER", nullable: false),
                    action_id = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episode_actions", x => new { x.episode_id, x.action_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deviation_reasons");

            migrationBuilder.DropTable(
                name: "episode_actions");
        }
    }
}
