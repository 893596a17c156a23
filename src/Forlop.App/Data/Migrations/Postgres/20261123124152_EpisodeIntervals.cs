using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EpisodeIntervals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "episode_intervals",
                columns: table => new
                {
                    episode_id = table.Column<long>(type: "bigint", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    patient_id = table.Column<long>(type: "bigint", nullable: false),
                    interval_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    standard_limit = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    treatment_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episode_intervals", x => new { x.episode_id, x.ordinal });
                });

            migrationBuilder.CreateIndex(
                name: "ix_episode_intervals_patient_id",
                table: "episode_intervals",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_episode_intervals_to_date",
                table: "episode_intervals",
                column: "to_date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "episode_intervals");
        }
    }
}
